import { Alert, Anchor, Modal, Radio, Spin, Typography, message } from 'antd';
import type { AnchorProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type {
  AppError,
  ApplicationDetail,
  CommentTarget,
  PrintPublicityRequest,
  UnitMembership,
} from '../../../../src-shared/contracts';
import { APPLICATION_CATALOG } from '../../../../src-shared/domain/catalog';
import type { PublicityPeriod, Transition } from '../../../../src-shared/domain/workflow';
import { PublicityPrintDialog } from '../../publicity-print/PublicityPrintDialog';
import { startsGroup } from '../ApplicationContentView';
import { DetailHeader } from '../DetailHeader';
import { AttachmentField, type DetailAttachment } from '../AttachmentField';
import { AttachmentViewer } from '../AttachmentViewer';
import { useSync } from '../sync-context';
import { transitionText } from '../transition-label';
import { useApplicationDetail } from '../use-application-detail';
import { commentsByTarget, targetKey } from './comment-targets';
import { contentChanges } from './content-changes';
import { ConflictAlert, DecisionBar } from './DecisionBar';
import { ReviewContent, groupAnchorId, sectionAnchorId } from './ReviewContent';
import { useReviewDraftStore } from './review-drafts-context';
import { ReviewModelProvider, useFilledKeys, useReviewModel, type ReviewModel } from './review-model';
import styles from './ReviewDialog.module.css';

/** 申请书审核 (manual 4) of one application; null id is closed. Needs ReviewDraftsProvider and SyncProvider. */
export function ReviewDialog({
  applicationId,
  unit,
  onClose,
  onDecided,
}: {
  applicationId: string | null;
  unit: UnitMembership;
  onClose(): void;
  /** A decision was queued: the list shows it as 待同步. */
  onDecided(): void;
}) {
  if (applicationId === null) return null;
  return (
    <OpenReview
      key={applicationId}
      applicationId={applicationId}
      unit={unit}
      onClose={onClose}
      onDecided={onDecided}
    />
  );
}

type NavItem = NonNullable<AnchorProps['items']>[number];

function navItems(): NavItem[] {
  const items: NavItem[] = [];
  APPLICATION_CATALOG.forEach((section, index) => {
    const link = { key: section.key, href: `#${sectionAnchorId(section.key)}`, title: section.title };
    if (!section.group) {
      items.push(link);
    } else if (startsGroup(index)) {
      items.push({
        key: `group-${section.key}`,
        href: `#${groupAnchorId(section.group)}`,
        title: section.group,
        children: [link],
      });
    } else {
      items[items.length - 1]?.children?.push(link);
    }
  });
  return items;
}

/** The catalog's sections, 业绩成果's five under their group. */
const NAV_ITEMS = navItems();

function OpenReview({
  applicationId,
  unit,
  onClose,
  onDecided,
}: {
  applicationId: string;
  unit: UnitMembership;
  onClose(): void;
  onDecided(): void;
}) {
  const store = useReviewDraftStore(applicationId);
  const finishedSyncs = useSync((s) => s.finishedSyncs);
  const syncPhase = useSync((s) => s.status?.phase ?? null);
  const lastSyncedAt = useSync((s) => s.status?.lastSyncedAt ?? null);
  const { loading, detail, error } = useApplicationDetail(applicationId, finishedSyncs);
  const loadError = useStore(store, (s) => s.loadError);
  const decisionStatus = useStore(store, (s) => s.decision?.status ?? null);
  const [showAll, setShowAll] = useState(false);
  const [expandedSections, setExpandedSections] = useState<ReadonlySet<string>>(new Set());
  const [openTargets, setOpenTargets] = useState<ReadonlySet<string>>(new Set());
  const [toast, toastHolder] = message.useMessage();
  const [printing, setPrinting] = useState<PrintPublicityRequest | null>(null);

  useEffect(() => store.getState().forgetApplied(), [store]);

  // On opening, and after each sync: a decision on its way may have been sent, applied or refused.
  useEffect(() => {
    if (syncPhase !== 'syncing') void store.getState().load();
  }, [store, syncPhase, lastSyncedAt]);

  const model = useMemo<ReviewModel>(() => {
    const round = detail?.submitCount ?? 0;
    const comments = detail?.comments ?? [];
    const earlier = comments.map((c) => c.round).filter((r) => r < round);
    return {
      store,
      locked: decisionStatus === 'pending' || decisionStatus === 'sending',
      showAll,
      expandedSections,
      toggleSection: (key) =>
        setExpandedSections((s) => {
          const next = new Set(s);
          if (!next.delete(key)) next.add(key);
          return next;
        }),
      openTargets,
      setTargetOpen: (target: CommentTarget, open: boolean) =>
        setOpenTargets((s) => {
          const next = new Set(s);
          if (open) next.add(targetKey(target));
          else next.delete(targetKey(target));
          return next;
        }),
      stored: commentsByTarget(comments),
      round,
      answeredRound: earlier.length > 0 ? Math.max(...earlier) : null,
      changes: detail?.previousContent ? contentChanges(detail.previousContent, detail.content) : null,
    };
  }, [store, detail, decisionStatus, showAll, expandedSections, openTargets]);

  const close = () => {
    // Whatever waits for a pause in typing is saved now; the drafts stay for the next opening.
    void store.getState().flushAll();
    onClose();
  };

  const printForm = () => setPrinting({ applicationIds: [applicationId], document: 'forms' });
  const decided = (transition: Transition, publicity?: PublicityPeriod) => {
    onDecided();
    void toast.success(
      publicity
        ? `已审核通过,公示期${publicity.start}至${publicity.end},请打印公示表`
        : `已提交“${transitionText(transition)}”,待同步到服务器`,
    );
    // 审核通过,打印公示表: the preview opens right away, online or not.
    if (transition.id === 'unitApprove') printForm();
  };
  const failed = (e: AppError) => void toast.error(e.message);

  return (
    <ReviewModelProvider value={model}>
      {toastHolder}
      <Modal
        open
        title="申请书审核"
        width="min(1400px, 96vw)"
        style={{ top: 16 }}
        classNames={{ body: styles.modalBody }}
        mask={{ closable: false }}
        onCancel={close}
        footer={
          detail && (
            <DecisionBar
              detail={detail}
              role={unit.role}
              onClose={close}
              onDecided={decided}
              onPrint={printForm}
              onFailed={failed}
            />
          )
        }
      >
        {loading && (
          <div className={styles.loading}>
            <Spin />
          </div>
        )}
        {error && <Alert type="error" showIcon title={error.message} />}
        {detail && <ReviewBody detail={detail} showAll={showAll} onShowAll={setShowAll} onFailed={failed} />}
        {loadError && loadError.code !== 'UNAUTHENTICATED' && (
          <Alert type="error" showIcon title={`修改意见读取失败:${loadError.message}`} />
        )}
      </Modal>
      <PublicityPrintDialog request={printing} onClose={() => setPrinting(null)} />
    </ReviewModelProvider>
  );
}

function ReviewBody({
  detail,
  showAll,
  onShowAll,
  onFailed,
}: {
  detail: ApplicationDetail;
  showAll: boolean;
  onShowAll(showAll: boolean): void;
  onFailed(error: AppError): void;
}) {
  const model = useReviewModel();
  const filled = useFilledKeys();
  const offline = useSync((s) => s.status?.phase === 'offline');
  // State, not a ref: the navigator must listen to this element's scrolling, which exists only after the
  // first render; with a ref it would fall back to the window's, and never mark the section in view.
  const [content, setContent] = useState<HTMLDivElement | null>(null);
  const [viewing, setViewing] = useState<DetailAttachment | null>(null);
  const byFileId = new Map(detail.attachments.map((a) => [a.fileId, a]));
  const current = [...model.stored.values()].flat().filter((c) => c.round === model.round).length;
  const count = filled.size + current;

  return (
    <>
      <div className={styles.header}>
        <DetailHeader detail={detail} />
        <div className={styles.countLine}>
          <span>
            <span>此申请书有{count}条修改意见,是否全部显示</span>{' '}
            <Radio.Group
              aria-label="是否全部显示修改意见"
              value={showAll}
              onChange={(e) => onShowAll(e.target.value === true)}
              options={[
                { label: '是', value: true },
                { label: '否', value: false },
              ]}
            />
          </span>
          {model.changes && model.changes.sections.size > 0 && (
            <Typography.Text type="secondary">标有“已修改”的内容是申报人在上次退回后修改的</Typography.Text>
          )}
        </div>
      </div>
      <div className={styles.main}>
        <nav className={styles.nav} aria-label="申请书目录">
          {content && (
            <Anchor
              affix={false}
              items={NAV_ITEMS}
              getContainer={() => content}
              // Scrolls the dialog's content without touching the page's address.
              onClick={(e) => e.preventDefault()}
            />
          )}
        </nav>
        <div className={styles.content} ref={setContent}>
          <ConflictAlert onFailed={onFailed} />
          <ReviewContent
            detail={detail}
            renderAttachment={(fileId) => (
              <AttachmentField attachment={byFileId.get(fileId)} offline={offline} onView={setViewing} />
            )}
          />
        </div>
      </div>
      <AttachmentViewer applicationId={detail.id} attachment={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
