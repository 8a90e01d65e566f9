import { Modal } from 'antd';
import { REVIEW_SHORTCUTS, SHORTCUT_GROUPS } from './review-shortcuts';
import { ShortcutKeys } from './ShortcutHint';
import styles from './Keyboard.module.css';

/** 键盘快捷键 (`?`): every shortcut of the review dialog, from the same table the keys are handled by. */
export function ShortcutsOverlay({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Modal open={open} title="键盘快捷键" onCancel={onClose} footer={null} width={480} destroyOnHidden>
      {SHORTCUT_GROUPS.map((group) => (
        <section key={group} className={styles.group} aria-label={group}>
          <div className={styles.groupTitle}>{group}</div>
          <dl className={styles.list}>
            {REVIEW_SHORTCUTS.filter((shortcut) => shortcut.group === group).map((shortcut) => (
              <div key={shortcut.action} className={styles.entry}>
                <dt>
                  <ShortcutKeys action={shortcut.action} />
                </dt>
                <dd>{shortcut.label}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className={styles.note}>在意见框中输入时,字母键只输入文字,不会触发快捷键;按 Esc 回到字段。</div>
    </Modal>
  );
}
