import { Tooltip } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import styles from './TruncatedText.module.css';

/**
 * A list cell's text on one line, cut with an ellipsis where the column is narrower, and the whole text
 * in a tooltip on hover and on keyboard focus (the text takes focus for that), so that rows stay one
 * line high and a long 申请资格 or 单位名称 is still readable in full.
 *
 * The tooltip is made on the first hover or focus: a page of a hundred rows has some four hundred such
 * cells, and an antd Tooltip for each would weigh on every render of the list.
 */
export function TruncatedText({ text, children }: { text: string; children?: ReactNode }) {
  const [made, setMade] = useState(false);
  const [open, setOpen] = useState(false);
  const refocus = useRef(false);
  const span = useRef<HTMLSpanElement>(null);
  // Wrapping the text in the tooltip mounts it anew: the focus that made the tooltip goes back to it.
  useEffect(() => {
    if (made && refocus.current) {
      refocus.current = false;
      span.current?.focus();
    }
  }, [made]);
  if (text === '') return null;
  const show = (byFocus: boolean) => {
    if (!made) refocus.current = byFocus;
    setMade(true);
    setOpen(true);
  };
  // Opened and closed here rather than by the tooltip's own triggers, which miss the pointer that is
  // already over the text when the tooltip is made.
  const content = (
    <span
      ref={span}
      className={styles.text}
      tabIndex={0}
      onMouseEnter={() => show(false)}
      onMouseLeave={() => setOpen(false)}
      onFocus={() => show(true)}
      onBlur={() => setOpen(false)}
    >
      {children ?? text}
    </span>
  );
  if (!made) return content;
  return (
    <Tooltip title={text} placement="topLeft" open={open}>
      {content}
    </Tooltip>
  );
}

/**
 * A table column of long text, cut to one line with its full text on hover: spread into the column
 * (`{ title, dataIndex, ...truncatedColumn() }`). `textOf` turns a value that is not the text itself
 * (a code, a record) into what is shown.
 */
export function truncatedColumn<Row>(textOf?: (value: unknown, row: Row) => string) {
  return {
    // antd's own title attribute would show the text a second time beside the tooltip.
    ellipsis: { showTitle: false },
    render: (value: unknown, row: Row) => (
      <TruncatedText text={textOf ? textOf(value, row) : typeof value === 'string' ? value : ''} />
    ),
  };
}
