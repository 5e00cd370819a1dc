import { Text, View } from '@tarojs/components';
import { formatTime } from '../../../services/format';
import type { CaseSummary } from '../../../services/city/api';

/** 督办: the regulator's note and date, on the case for everyone on it (id for tests: `#case-supervision`). */
export function SupervisionNote({ supervision, now }: { supervision: CaseSummary['supervision']; now: Date }) {
  if (!supervision) return null;
  return (
    <View id='case-supervision' className='city-hint case-supervision' data-due={supervision.dueAt} data-overdue={supervision.overdue ? 'true' : 'false'}>
      <Text className='city-hint-label'>监管部门督办</Text>
      <Text>：{supervision.note}</Text>
      <View className={supervision.overdue ? 'city-overdue' : ''}>
        督办时限 {formatTime(supervision.dueAt, now)}
        {supervision.overdue ? '（已超期）' : ''}
      </View>
    </View>
  );
}
