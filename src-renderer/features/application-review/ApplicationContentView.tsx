import { Typography } from 'antd';
import { Fragment } from 'react';
import type { ApplicationDetail } from '../../../src-shared/contracts';
import { APPLICATION_CATALOG, type CatalogSection } from '../../../src-shared/domain/catalog';
import { CatalogSectionView, type RenderAttachment, type SectionExtras } from './CatalogSectionView';
import styles from './ApplicationReview.module.css';

/** Whether the section is the first of its group (业绩成果), which then gets the group's heading. */
export function startsGroup(index: number): boolean {
  const section = APPLICATION_CATALOG[index];
  return Boolean(section?.group) && APPLICATION_CATALOG[index - 1]?.group !== section?.group;
}

/** Every catalog section in order; sections of a group (业绩成果) under the group's heading. */
export function ApplicationContentView({
  content,
  renderAttachment,
  sectionExtras,
  groupId,
}: {
  content: ApplicationDetail['content'];
  renderAttachment: RenderAttachment;
  /** The review dialog's additions to each section. */
  sectionExtras?: (section: CatalogSection) => SectionExtras;
  /** The id of a group's heading, for the review dialog's navigator. */
  groupId?: (group: string) => string;
}) {
  return (
    <>
      {APPLICATION_CATALOG.map((section, index) => (
        <Fragment key={section.key}>
          {section.group && startsGroup(index) && (
            <Typography.Title level={4} className={styles.sectionTitle} id={groupId?.(section.group)}>
              {section.group}
            </Typography.Title>
          )}
          <CatalogSectionView
            section={section}
            value={content[section.key]}
            renderAttachment={renderAttachment}
            level={section.group ? 5 : 4}
            extras={sectionExtras?.(section)}
          />
        </Fragment>
      ))}
    </>
  );
}
