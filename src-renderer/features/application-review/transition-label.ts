import { RETURN_TARGET_LABELS, type Transition } from '../../../src-shared/domain/workflow';

/**
 * "审核不通过,回退(退回单位)": the button's label and, for a return, whom it goes back to, because the
 * department's two returns share one label.
 */
export function transitionText(transition: Transition): string {
  return transition.returnTo
    ? `${transition.label}(${RETURN_TARGET_LABELS[transition.returnTo]})`
    : transition.label;
}
