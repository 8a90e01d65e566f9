import { Alert, Anchor, Button, Modal, Radio, Space, Spin, Typography, message } from 'antd';
import type { AnchorProps } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
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
import { ConflictAlert, DecisionBar, type DecisionShortcuts } from './DecisionBar';
import { applicationNeighbours, endOfListMessage } from './keyboard/neighbours';
import { ariaKeyShortcuts } from './keyboard/review-shortcuts';
import { ShortcutHint } from './keyboard/ShortcutHint';
import { ShortcutsOverlay } from './keyboard/ShortcutsOverlay';
import { useReviewKeyboard, type DialogAction } from './keyboard/use-review-keyboard';
import { ReviewContent, groupAnchorId, sectionAnchorId } from './ReviewContent';
import { useReviewDraftStore } from './review-drafts-context';
import { ReviewModelProvider, useFilledKeys, useReviewModel, type ReviewModel } from './review-model';
import styles from './ReviewDialog.module.css';

/** The list the dialog was opened from, for 上一份 / 下一份 (Alt+↑ / Alt+↓) without closing it. */
export interface ReviewNavigation {
  /** The reviewable applications of the list's page, in the order on screen. */
  order: readonly string[];
  /** Pages of the list before and after this one: the end of the page is not the end of the list. */
  pagesBefore: boolean;
  pagesAfter: boolean;
  open(applicationId: string): void;
}

const NO_NAVIGATION: ReviewNavigation = { order: [], pagesBefore: false, pagesAfter: false, open: () => {} };

/** 申请书审核 (manual 4) of one application; null id is closed. Needs ReviewDraftsProvider and SyncProvider. */
export function ReviewDialog({
  applicationId,
  unit,
  onClose,
  onDecided,
  navigation = NO_NAVIGATION,
}: {
  applicationId: string | null;
  unit: UnitMembership;
  onClose(): void;
  /** A decision was queued: the list shows it as 待同步. */
  onDecided(): void;
  navigation?: ReviewNavigation;
}) {
  // Moved to by 上一份/下一份: the next application takes the dialog's place without its opening animation,
  // so the dialog does not seem to close.
  const [switched, setSwitched] = useState(false);
  if (applicationId === null) return null;
  return (
    <OpenReview
      key={applicationId}
      applicationId={applicationId}
      unit={unit}
      switched={switched}
      onClose={() => {
        setSwitched(false);
        onClose();
      }}
      onDecided={onDecided}
      navigation={{
        ...navigation,
        open: (id) => {
          setSwitched(true);
          navigation.open(id);
        },
      }}
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
  switched,
  onClose,
  onDecided,
  navigation,
}: {
  applicationId: string;
  unit: UnitMembership;
  switched: boolean;
  onClose(): void;
  onDecided(): void;
  navigation: ReviewNavigation;
}) {
  const store = useReviewDraftStore(applicationId);
  const finishedSyncs = useSync((s) => s.finishedSyncs);
  const syncPhase = useSync((s) => s.status?.phase ?? null);
  const lastSyncedAt = useSync((s) => s.status?.lastSyncedAt ?? null);
  const { loading, detail, error, gone } = useApplicationDetail(applicationId, finishedSyncs);
  const loadError = useStore(store, (s) => s.loadError);
  const decisionStatus = useStore(store, (s) => s.decision?.status ?? null);
  const [showAll, setShowAll] = useState(false);
  const [expandedSections, setExpandedSections] = useState<ReadonlySet<string>>(new Set());
  const [openTargets, setOpenTargets] = useState<ReadonlySet<string>>(new Set());
  const [toast, toastHolder] = message.useMessage();
  const [printing, setPrinting] = useState<PrintPublicityRequest | null>(null);
  const [showingShortcuts, setShowingShortcuts] = useState(false);
  // An element inside the dialog, for the keyboard to find the dialog by (state: it exists after rendering).
  const [anchor, setAnchor] = useState<HTMLSpanElement | null>(null);
  const decisions = useRef<DecisionShortcuts>(null);

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

  const neighbours = applicationNeighbours(navigation.order, applicationId);
  const goTo = (direction: 'next' | 'previous') => {
    const id = direction === 'next' ? neighbours.next : neighbours.previous;
    if (id === null) {
      const morePages = direction === 'next' ? navigation.pagesAfter : navigation.pagesBefore;
      void toast.info(endOfListMessage(direction, morePages));
      return;
    }
    // As when closing: what waits for a pause in typing is saved before the next application opens.
    void store.getState().flushAll();
    navigation.open(id);
  };

  const onShortcut = (action: DialogAction) => {
    switch (action) {
      case 'nextApplication':
        return goTo('next');
      case 'previousApplication':
        return goTo('previous');
      case 'showShortcuts':
        return setShowingShortcuts(true);
      case 'approve':
      case 'return': {
        const bar = decisions.current;
        if (!bar) return;
        const why = action === 'approve' ? bar.approve() : bar.returnBack();
        if (why) void toast.warning(why);
        return;
      }
    }
  };

  const keyboard = useReviewKeyboard({
    anchor,
    onAction: onShortcut,
    openBox: (target) => model.setTargetOpen(target, true),
    // A box opened with Enter and left empty is put away again, as 收起 would.
    onLeaveBox: (target) => {
      if ((store.getState().drafts[targetKey(target)]?.text ?? '').trim() === '') {
        model.setTargetOpen(target, false);
      }
    },
  });

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
        {...(switched ? { transitionName: '', maskTransitionName: '' } : {})}
        onCancel={close}
        footer={
          detail && (
            <DecisionBar
              ref={decisions}
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
        <span ref={setAnchor} hidden />
        {loading && (
          <div className={styles.loading}>
            <Spin />
          </div>
        )}
        {error && <Alert type="error" showIcon title={error.message} />}
        {gone && (
          <Alert
            type="info"
            showIcon
            title="这份申请书已不在您的审核范围内(如已退回申报人),本机不再保留它的内容"
            description="可按 Alt+↓ / Alt+↑ 继续审核列表中的其他申请书,或按 Esc 关闭。"
          />
        )}
        {detail && (
          <ReviewBody
            detail={detail}
            showAll={showAll}
            onShowAll={setShowAll}
            onFailed={failed}
            tools={
              <KeyboardTools
                hasPrevious={neighbours.previous !== null}
                hasNext={neighbours.next !== null}
                onGo={goTo}
                onShowShortcuts={() => setShowingShortcuts(true)}
              />
            }
          />
        )}
        {loadError && loadError.code !== 'UNAUTHENTICATED' && (
          <Alert type="error" showIcon title={`修改意见读取失败:${loadError.message}`} />
        )}
      </Modal>
      <PublicityPrintDialog
        request={printing}
        onClose={() => setPrinting(null)}
        focusFallback={keyboard.stopToReturnTo}
      />
      <ShortcutsOverlay open={showingShortcuts} onClose={() => setShowingShortcuts(false)} />
    </ReviewModelProvider>
  );
}

/** 上一份 / 下一份 and 键盘快捷键, each with its key: what the keyboard does, also for the mouse. */
function KeyboardTools({
  hasPrevious,
  hasNext,
  onGo,
  onShowShortcuts,
}: {
  hasPrevious: boolean;
  hasNext: boolean;
  onGo(direction: 'next' | 'previous'): void;
  onShowShortcuts(): void;
}) {
  return (
    <Space size={4} wrap>
      <Button
        size="small"
        disabled={!hasPrevious}
        aria-keyshortcuts={ariaKeyShortcuts('previousApplication')}
        onClick={() => onGo('previous')}
      >
        上一份
        <ShortcutHint action="previousApplication" />
      </Button>
      <Button
        size="small"
        disabled={!hasNext}
        aria-keyshortcuts={ariaKeyShortcuts('nextApplication')}
        onClick={() => onGo('next')}
      >
        下一份
        <ShortcutHint action="nextApplication" />
      </Button>
      <Button
        size="small"
        type="text"
        aria-keyshortcuts={ariaKeyShortcuts('showShortcuts')}
        onClick={onShowShortcuts}
      >
        键盘快捷键
        <ShortcutHint action="showShortcuts" />
      </Button>
    </Space>
  );
}

function ReviewBody({
  detail,
  showAll,
  onShowAll,
  onFailed,
  tools,
}: {
  detail: ApplicationDetail;
  showAll: boolean;
  onShowAll(showAll: boolean): void;
  onFailed(error: AppError): void;
  /** Beside the count line: 上一份, 下一份, 键盘快捷键. */
  tools: ReactNode;
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
          {tools}
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
