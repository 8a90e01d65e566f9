import { useEffect, useState } from 'react';
import { rememberedPlace, rememberPlace } from '../../components/remembered-place';
import type { UnitMembership } from '../../../src-shared/contracts';
import { ApplicationReviewPage } from '../application-review/ApplicationReviewPage';
import { ApplicationReviewScope } from '../application-review/ApplicationReviewScope';
import { useSession } from '../auth/session-context';
import { UnitOverview } from './UnitOverview';

type UnitCenterView = 'overview' | 'applicationReview';

/**
 * 单位中心 (manual chapter 4) of the chosen unit, and 职称申报审核 opened from it. Plain state, no router,
 * like the home's pages; the review's list state lives in the scope around both views, so going back to
 * the 单位中心 and in again keeps the filter, search and page.
 */
export function UnitCenterPage({ unit }: { unit: UnitMembership }) {
  const userId = useSession((s) => s.user?.id);
  const [view, setView] = useState<UnitCenterView>(() =>
    userId === undefined ? 'overview' : (rememberedPlace(userId)?.unitView ?? 'overview'),
  );
  useEffect(() => {
    if (userId !== undefined) rememberPlace(userId, { unitView: view });
  }, [userId, view]);
  return (
    <ApplicationReviewScope unit={unit}>
      {view === 'applicationReview' ? (
        <ApplicationReviewPage key={unit.unitId} unit={unit} onBack={() => setView('overview')} />
      ) : (
        <UnitOverview unit={unit} onOpenReview={() => setView('applicationReview')} />
      )}
    </ApplicationReviewScope>
  );
}
