import { Input } from 'antd';
import { useReviewList } from './review-list-context';
import styles from './ApplicationReview.module.css';

/** The search box's hint: names are found by their pinyin and its initials too (吴雪 by "wx"). */
export const SEARCH_PLACEHOLDER = '请输入姓名、申请书编号或身份证号(支持拼音首字母)';

/** Searches as the reviewer pauses typing, and at once on Enter. */
export function SearchBox() {
  const text = useReviewList((s) => s.searchText);
  const typeSearch = useReviewList((s) => s.typeSearch);
  const submitSearch = useReviewList((s) => s.submitSearch);
  return (
    <Input.Search
      className={styles.search}
      aria-label="搜索"
      placeholder={SEARCH_PLACEHOLDER}
      allowClear
      maxLength={50}
      value={text}
      onChange={(event) => typeSearch(event.target.value)}
      onSearch={() => submitSearch()}
    />
  );
}
