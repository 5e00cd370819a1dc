import { useState } from 'react';
import { Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PROJECT_ACTION_LABELS, type ProjectAction } from '@cityloop/shared/pit/domain/project.machine';
import { ErrorText } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import { toast } from '../../../../services/adapters/taro';
import { onboardApi } from '../../onboardApi';
import type { SectionProps } from './types';

const NEEDS_REASON: ProjectAction[] = ['pause', 'close'];

/** 状态: the lifecycle state, what activation still lacks, and the actions this person may take. */
export function SetupLifecycle({ view, onSaved }: SectionProps) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<ProjectAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (action: ProjectAction) => {
    if (busy) return;
    setBusy(action);
    setError(null);
    try {
      onSaved(await onboardApi.lifecycle(view.id, { action, reason, version: view.version }));
      setReason('');
      toast(PROJECT_ACTION_LABELS[action], 'success');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <View className='card pit-setup-section' id='setup-lifecycle'>
      <View className='row'>
        <View className='pit-title'>{view.name}</View>
        <View className='spacer' />
        <View id='setup-status' className='pit-tag' data-status={view.status}>
          {view.statusLabel}
        </View>
      </View>
      {view.status === 'pending' && view.setupProblems.length ? (
        <View id='setup-problems' className='pit-note'>
          开始监测前还需：{view.setupProblems.join('；')}
        </View>
      ) : null}
      {view.actions.some((a) => NEEDS_REASON.includes(a)) ? (
        <Textarea id='setup-reason' className='pit-textarea' value={reason} placeholder='暂停原因或完工（回填）说明（至少 4 个字）' onInput={(e) => setReason(e.detail.value)} />
      ) : null}
      <ErrorText id='setup-lifecycle-error' message={error} />
      {view.actions.map((a) => (
        <Button key={a} id={`setup-action-${a}`} className='btn-block' type={a === 'close' || a === 'pause' ? 'default' : 'primary'} block loading={busy === a} onClick={() => void act(a)}>
          {PROJECT_ACTION_LABELS[a]}
        </Button>
      ))}
    </View>
  );
}
