import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { errorMessage } from '../../../services/api';
import { PER_LABELS } from '../../../services/city/view-model';
import type { PatrolRuleView } from '../../../services/city/api';
import { toast } from '../../../services/adapters/taro';
import { cityApi } from '../../citizen/cityApi';

/** The chief's rules with their state; pause / resume / one more or fewer check per period, by the buttons the server allows. */
export function RuleList({ refresh }: { refresh: number }) {
  const [rules, setRules] = useState<PatrolRuleView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    cityApi
      .rules()
      .then(setRules)
      .catch((e) => setError(errorMessage(e)));
  useEffect(() => void load(), [refresh]);
  const act = async (r: PatrolRuleView, f: () => Promise<PatrolRuleView>) => {
    try {
      const x = await f();
      setRules((xs) => xs?.map((y) => (y.id === x.id ? x : y)) ?? null);
    } catch (e) {
      toast(errorMessage(e));
      void load();
    }
    return r;
  };
  if (error) return <View className='error-text'>{error}</View>;
  if (!rules?.length) return null;
  return (
    <View id='rule-list' className='card' data-count={rules.length}>
      <View className='section-title'>已有规则</View>
      {rules.map((r) => (
        <View key={r.id} className='rule-row' data-id={r.id} data-state={r.state}>
          <View>
            {r.name} · {PER_LABELS[r.per]} {r.times} 次 · {r.facilityIds.length} 处 · {r.state === 'active' ? '执行中' : '已暂停'}
          </View>
          <View className='city-options'>
            {r.policies.edit ? (
              <View className='city-option rule-more' onClick={() => void act(r, () => cityApi.editRule(r.id, { version: r.version, times: Math.min(24, r.times + 1) }))}>
                加 1 次
              </View>
            ) : null}
            {r.policies.edit && r.times > 1 ? (
              <View className='city-option rule-less' onClick={() => void act(r, () => cityApi.editRule(r.id, { version: r.version, times: r.times - 1 }))}>
                减 1 次
              </View>
            ) : null}
            {r.policies.pause ? (
              <View className='city-option rule-pause' onClick={() => void act(r, () => cityApi.setRuleState(r.id, 'pause', r.version))}>
                暂停
              </View>
            ) : null}
            {r.policies.resume ? (
              <View className='city-option rule-resume' onClick={() => void act(r, () => cityApi.setRuleState(r.id, 'resume', r.version))}>
                恢复
              </View>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  );
}
