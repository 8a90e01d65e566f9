import { MessageOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import type { TextAreaProps } from 'antd/es/input/TextArea';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import {
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ChangeEvent,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import {
  phraseTriggerAt,
  typedPhraseTrigger,
  type PhraseTrigger,
} from '../../../src-shared/domain/comment-phrases';
import { useCommentPhrasesStore } from './comment-phrases-context';
import type { CommentPhrasesStore } from './comment-phrases-store';
import { PhraseList, type PhraseListHandle } from './PhraseList';
import styles from './CommentPhrases.module.css';

export type PhraseTextAreaProps = Omit<TextAreaProps, 'value' | 'onChange'> & {
  value?: string;
  /** The whole new text: typed, or with a phrase inserted. */
  onChange?(text: string): void;
  /** Under the box, before the 常用意见 button: a save status, 收起. */
  addon?: ReactNode;
};

/**
 * A comment box with the reviewer's 常用意见: the 常用意见 button under it opens a searchable list, and a
 * `/` typed at the start of the box or after a space opens the list filtered by what follows it (only a
 * typed one: the caret coming back after a `/` already there opens nothing). The chosen phrase goes in at
 * the caret (in place of the `/…`). A read-only box, or one outside a signed-in screen, is a plain box.
 */
export function PhraseTextArea(props: PhraseTextAreaProps) {
  const store = useCommentPhrasesStore();
  if (store === null || props.readOnly === true || props.disabled === true) {
    const { addon, onChange, ...rest } = props;
    return (
      <div className={styles.field}>
        <Input.TextArea {...rest} onChange={(e) => onChange?.(e.target.value)} />
        {addon !== undefined && <div className={styles.bar}>{addon}</div>}
      </div>
    );
  }
  return <PickerTextArea store={store} {...props} />;
}

/** Where the list is open: from a `/` typed in the box, or from the button (with its own search box). */
type Opened =
  | { via: 'slash'; slashAt: number; query: string }
  | { via: 'button'; query: string; start: number; end: number };

function PickerTextArea({
  store,
  addon,
  value = '',
  onChange,
  onKeyDown,
  onBlur,
  maxLength,
  ...rest
}: PhraseTextAreaProps & { store: CommentPhrasesStore }) {
  const listId = useId();
  const boxRef = useRef<TextAreaRef>(null);
  const fieldRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<PhraseListHandle>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const caretAfterInsert = useRef<number | null>(null);
  const [activeId, setActiveId] = useState<string | undefined>(undefined);

  const textarea = () => boxRef.current?.resizableTextArea?.textArea ?? null;

  useLayoutEffect(() => {
    const caret = caretAfterInsert.current;
    const element = textarea();
    if (caret === null || element === null) return;
    caretAfterInsert.current = null;
    element.focus();
    element.setSelectionRange(caret, caret);
  }, [value]);

  const close = () => {
    setOpened(null);
    setRefused(null);
  };

  const openAt = (trigger: PhraseTrigger) => {
    if (opened?.query !== trigger.query) setRefused(null);
    setOpened({ via: 'slash', ...trigger });
  };

  /**
   * Follows the caret in a list opened by a `/`: it filters by what is typed after that `/`, and closes
   * when the caret leaves it. A closed list stays closed: only a typed `/` opens it.
   */
  const followCaret = (text: string, caret: number) => {
    if (opened?.via !== 'slash') return;
    const trigger = phraseTriggerAt(text, caret);
    if (trigger === null || trigger.slashAt !== opened.slashAt) close();
    else openAt(trigger);
  };

  /** An edit of the box: a `/` it typed opens the list; otherwise the caret is followed. */
  const followEdit = (previous: string, text: string, caret: number) => {
    if (opened?.via === 'button') return;
    const typed = typedPhraseTrigger(previous, text, caret);
    if (typed !== null) openAt(typed);
    else followCaret(text, caret);
  };

  const insert = (phrase: string) => {
    if (opened === null) return;
    const [start, end] =
      opened.via === 'slash'
        ? [opened.slashAt, opened.slashAt + 1 + opened.query.length]
        : [opened.start, opened.end];
    const next = value.slice(0, start) + phrase + value.slice(end);
    if (maxLength !== undefined && next.length > maxLength) {
      setRefused(`插入后超过${maxLength}字,未插入;请先删减意见`);
      return;
    }
    caretAfterInsert.current = start + phrase.length;
    close();
    onChange?.(next);
  };

  /** Esc with the list open: the list closes, and the focus goes back to where the reviewer was writing. */
  const dismiss = (list: Opened) => {
    const element = textarea();
    if (list.via === 'slash') {
      // The `/…` stays as typed (typing on after it types no `/`: the list stays closed). From elsewhere
      // in the panel (its buttons): the caret is still after the `/…`.
      if (element !== null && document.activeElement !== element) element.focus();
    } else {
      element?.focus();
      element?.setSelectionRange(list.start, list.end);
    }
    close();
  };

  const openFromButton = () => {
    if (opened?.via === 'button') {
      // Closed with nothing chosen: as with Esc, back in the box (the search box that had the focus goes).
      dismiss(opened);
      return;
    }
    const element = textarea();
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    setRefused(null);
    setOpened({ via: 'button', query: '', start, end });
  };

  /** The list's keys, from the box (opened by `/`) or the search box; others go on as usual. */
  const handleListKeys = (event: KeyboardEvent<HTMLElement>): boolean => {
    if (opened === null || event.nativeEvent.isComposing) return false;
    if (event.key === 'Escape') {
      dismiss(opened);
    } else if (!listRef.current?.handleKey(event.key)) {
      return false;
    }
    event.preventDefault();
    // The review dialog's own keys (Esc closes it) must not see what the list used.
    event.stopPropagation();
    return true;
  };

  const leave = (event: FocusEvent<HTMLDivElement>) => {
    const next = event.relatedTarget;
    if (opened !== null && !(next instanceof Node && fieldRef.current?.contains(next))) close();
  };

  const slashOpen = opened?.via === 'slash';
  return (
    <div
      className={styles.field}
      ref={fieldRef}
      onBlur={leave}
      // Esc on the panel's own buttons (Tab leads there from the box) closes the list, not the dialog.
      onKeyDown={(event) => {
        if (opened === null || event.key !== 'Escape' || event.nativeEvent.isComposing) return;
        event.preventDefault();
        event.stopPropagation();
        dismiss(opened);
      }}
    >
      <Input.TextArea
        {...rest}
        ref={boxRef}
        value={value}
        maxLength={maxLength}
        aria-controls={slashOpen ? listId : undefined}
        aria-activedescendant={slashOpen ? activeId : undefined}
        onChange={(event: ChangeEvent<HTMLTextAreaElement>) => {
          onChange?.(event.target.value);
          followEdit(value, event.target.value, event.target.selectionStart);
        }}
        onSelect={(event) => {
          const element = event.currentTarget;
          followCaret(element.value, element.selectionStart);
        }}
        onKeyDown={(event) => {
          if (handleListKeys(event)) return;
          onKeyDown?.(event);
        }}
        onBlur={onBlur}
      />
      {opened !== null && (
        <PhraseList
          ref={listRef}
          store={store}
          id={listId}
          query={opened.query}
          search={
            opened.via === 'button'
              ? {
                  onQuery: (query) => {
                    setRefused(null);
                    setOpened({ ...opened, query });
                  },
                  onKeyDown: (event) => {
                    if (handleListKeys(event)) return;
                    // What is typed here is a search: no key of it is the dialog's (its shortcuts).
                    event.stopPropagation();
                  },
                }
              : null
          }
          refused={refused}
          onActive={setActiveId}
          onChoose={insert}
          onManage={() => {
            // The manager gives the focus back to what had it when it opened: the box, not the panel's
            // button, which is gone by then (the focus would fall to the page).
            textarea()?.focus();
            close();
            store.getState().openManager();
          }}
        />
      )}
      <div className={styles.bar}>
        {addon}
        <Button
          type="link"
          size="small"
          className={styles.pickerButton}
          icon={<MessageOutlined />}
          aria-expanded={opened?.via === 'button'}
          // Keeps the caret where it was: the phrase goes there.
          onMouseDown={(event) => event.preventDefault()}
          onClick={openFromButton}
        >
          常用意见
        </Button>
      </div>
    </div>
  );
}
