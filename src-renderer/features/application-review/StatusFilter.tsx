import { Segmented } from 'antd';
import { STATE_LABELS } from '../../../src-shared/domain/workflow';
import { useReviewList } from './review-list-context';
import { LISTED_STATES, type StateFilter } from './status-filters';

/** 全部(n), 待单位审核(n), ...: the counts ignore the search, so they say what there is to review. */
export function StatusFilter() {
  const state = useReviewList((s) => s.query.state);
  const counts = useReviewList((s) => s.counts);
  const loaded = useReviewList((s) => s.loaded);
  const setFilter = useReviewList((s) => s.setFilter);

  const count = (n: number | undefined) => (loaded ? `(${n ?? 0})` : '');
  const all = LISTED_STATES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  return (
    <Segmented<StateFilter>
      aria-label="状态"
      value={state}
      onChange={setFilter}
      options={[
        { value: 'all', label: `全部${count(all)}` },
        ...LISTED_STATES.map((s) => ({ value: s, label: `${STATE_LABELS[s]}${count(counts[s])}` })),
      ]}
    />
  );
}
