import { Typography } from 'antd';
import { Fragment } from 'react';
import type { ApplicationDetail } from '../../../src-shared/contracts';
import { APPLICATION_CATALOG } from '../../../src-shared/domain/catalog';
import { CatalogSectionView, type RenderAttachment } from './CatalogSectionView';
import styles from './ApplicationReview.module.css';

/** Every catalog section in order; sections of a group (业绩成果) under the group's heading. */
export function ApplicationContentView({
  content,
  renderAttachment,
}: {
  content: ApplicationDetail['content'];
  renderAttachment: RenderAttachment;
}) {
  return (
    <>
      {APPLICATION_CATALOG.map((section, index) => {
        const startsGroup = section.group && APPLICATION_CATALOG[index - 1]?.group !== section.group;
        return (
          <Fragment key={section.key}>
            {startsGroup && (
              <Typography.Title level={4} className={styles.sectionTitle}>
                {section.group}
              </Typography.Title>
            )}
            <CatalogSectionView
              section={section}
              value={content[section.key]}
              renderAttachment={renderAttachment}
              level={section.group ? 5 : 4}
            />
          </Fragment>
        );
      })}
    </>
  );
}
