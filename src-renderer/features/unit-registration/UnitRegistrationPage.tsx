import { message } from 'antd';
import { useEffect, useState } from 'react';
import type { AppError, UnitRegistration } from '../../../src-shared/contracts';
import { useSession } from '../auth/session-context';
import { MyRegistrations } from './MyRegistrations';
import { UnitRegistrationForm } from './UnitRegistrationForm';

type View = { kind: 'list' } | { kind: 'form'; editing: UnitRegistration | null };

interface Answer {
  version: number;
  registrations: UnitRegistration[];
  error: AppError | null;
}

/** 注册管理员 (manual 3.1): the person's registrations, and the form for a new or corrected one. */
export function UnitRegistrationPage() {
  const call = useSession((s) => s.call);
  const refreshUser = useSession((s) => s.refreshUser);
  const memberUnitIds = useSession((s) => s.user?.memberships.map((m) => m.unitId).join('\n') ?? '');
  const [view, setView] = useState<View>({ kind: 'list' });
  /** Bumped to load the list again (after a submission). */
  const [version, setVersion] = useState(0);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [toast, toastHolder] = message.useMessage();

  useEffect(() => {
    let live = true;
    void call((api) => api.listMyUnitRegistrations()).then((result) => {
      if (!live) return;
      setAnswer({
        version,
        registrations: result.ok ? result.value.registrations : [],
        error: result.ok ? null : result.error,
      });
    });
    return () => {
      live = false;
    };
  }, [call, version]);

  // An approval made the person the unit's administrator; the session learns it from the server,
  // so that 单位中心 appears without logging in again.
  const approvedUnknown = (answer?.registrations ?? []).some(
    (r) => r.status === 'approved' && !memberUnitIds.split('\n').includes(r.id),
  );
  useEffect(() => {
    if (approvedUnknown) void refreshUser();
  }, [approvedUnknown, refreshUser]);

  if (view.kind === 'form') {
    return (
      <>
        {toastHolder}
        <UnitRegistrationForm
          editing={view.editing}
          onCancel={() => setView({ kind: 'list' })}
          onSubmitted={() => {
            void toast.success('注册申请已提交,请等待上级主管部门审核');
            setVersion((v) => v + 1);
            setView({ kind: 'list' });
          }}
        />
      </>
    );
  }
  const error = answer?.error?.code === 'UNAUTHENTICATED' ? null : (answer?.error?.message ?? null);
  return (
    <>
      {toastHolder}
      <MyRegistrations
        registrations={answer?.registrations ?? []}
        loading={answer?.version !== version}
        error={error}
        onRegister={() => setView({ kind: 'form', editing: null })}
        onResubmit={(registration) => setView({ kind: 'form', editing: registration })}
      />
    </>
  );
}
