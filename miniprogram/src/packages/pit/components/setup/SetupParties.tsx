import { useState } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PARTY_ROLE_KEYS, PARTY_ROLE_LABELS, type PartyRoleKey } from '@cityloop/shared/pit/onboard.limits';
import { ErrorText } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import { parsePeople } from '../../../../services/pit/onboard-form';
import { toast } from '../../../../services/adapters/taro';
import { onboardApi } from '../../onboardApi';
import type { SectionProps } from './types';

type Draft = { org: string; keep: string[]; added: string };

/** 参建单位: each party's organisation, its people (masked phones), people to add as “姓名 手机号” lines. */
export function SetupParties({ view, onSaved, editable }: SectionProps) {
  const initial = () => Object.fromEntries(PARTY_ROLE_KEYS.map((r) => [r, { org: view.parties[r]?.org ?? '', keep: (view.parties[r]?.people ?? []).map((p) => p.userId), added: '' }])) as Record<PartyRoleKey, Draft>;
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (r: PartyRoleKey, patch: Partial<Draft>) => setDraft({ ...draft, [r]: { ...draft[r], ...patch } });

  const save = async () => {
    if (busy) return;
    const parties: Record<string, { org: string; keep: string[]; add: { name: string; phone: string }[] }> = {};
    for (const r of PARTY_ROLE_KEYS) {
      const d = draft[r];
      const { people, problem } = parsePeople(d.added);
      if (problem) return setError(`${PARTY_ROLE_LABELS[r]}：${problem}`);
      if (!d.org.trim() && !people.length && !d.keep.length) continue;
      if (d.org.trim().length < 2) return setError(`请填写${PARTY_ROLE_LABELS[r]}名称`);
      parties[r] = { org: d.org.trim(), keep: d.keep, add: people };
    }
    setBusy(true);
    setError(null);
    try {
      const v = await onboardApi.parties(view.id, { parties, version: view.version });
      onSaved(v);
      setDraft(Object.fromEntries(PARTY_ROLE_KEYS.map((r) => [r, { org: v.parties[r]?.org ?? '', keep: (v.parties[r]?.people ?? []).map((p) => p.userId), added: '' }])) as Record<PartyRoleKey, Draft>);
      toast('参建单位已保存', 'success');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card pit-setup-section' id='setup-parties'>
      <View className='pit-title'>参建单位</View>
      <View className='pit-note'>联系人无需先注册：报警短信按手机号送达；本人用该手机号登录后即可查看本项目。</View>
      {PARTY_ROLE_KEYS.map((r) => (
        <View key={r} id={`setup-party-${r}`} className='pit-party'>
          <View className='pit-form-label'>{PARTY_ROLE_LABELS[r]}</View>
          <Input id={`setup-party-${r}-org`} className='text-input' placeholder='单位名称' disabled={!editable} value={draft[r].org} onInput={(e) => set(r, { org: e.detail.value })} />
          {(view.parties[r]?.people ?? []).map((p) => {
            const kept = draft[r].keep.includes(p.userId);
            return (
              <View key={p.userId} className='row pit-party-person' data-user={p.userId}>
                <Text className={kept ? '' : 'muted'}>{p.name}</Text>
                <Text className='muted'> {p.phoneMasked ?? ''}{p.hasAccount ? '' : '（未登录过）'}</Text>
                <View className='spacer' />
                {editable ? (
                  <Text className='pit-link' onClick={() => set(r, { keep: kept ? draft[r].keep.filter((x) => x !== p.userId) : [...draft[r].keep, p.userId] })}>
                    {kept ? '移除' : '撤销移除'}
                  </Text>
                ) : null}
              </View>
            );
          })}
          {editable ? <Textarea id={`setup-party-${r}-add`} className='pit-textarea' placeholder='新增联系人，每行“姓名 手机号”' value={draft[r].added} onInput={(e) => set(r, { added: e.detail.value })} /> : null}
        </View>
      ))}
      <ErrorText id='setup-parties-error' message={error} />
      {editable ? (
        <Button id='setup-parties-save' className='btn-block' type='primary' block loading={busy} onClick={() => void save()}>
          保存参建单位
        </Button>
      ) : null}
    </View>
  );
}
