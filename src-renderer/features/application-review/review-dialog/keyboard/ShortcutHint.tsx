import { Fragment } from 'react';
import { shortcutOf, type ReviewAction } from './review-shortcuts';
import styles from './Keyboard.module.css';

/** The keys of a shortcut as <kbd>s, e.g. Alt + ↓. */
export function ShortcutKeys({ action }: { action: ReviewAction }) {
  const { display } = shortcutOf(action);
  return (
    <span className={styles.keys}>
      {display.map((key, index) => (
        <Fragment key={key}>
          {index > 0 && '+'}
          <kbd className={styles.kbd}>{key}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

/**
 * The shortcut beside a button's label (审核通过 T). Hidden from screen readers, which read the button's
 * aria-keyshortcuts instead, so the button's name stays its label.
 */
export function ShortcutHint({ action }: { action: ReviewAction }) {
  return (
    <kbd className={styles.kbd} aria-hidden="true">
      {shortcutOf(action).display.join('+')}
    </kbd>
  );
}
