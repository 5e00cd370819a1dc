import { Text } from '@tarojs/components';
import { formatTime } from '../../../services/format';
import type { AlarmDeadline } from '../../../services/pit/view-model';

/** An alarm's deadline time; once it has passed, in red with an 已逾期 tag (`data-overdue` for tests). */
export function Deadline({ id, deadline, now }: { id?: string; deadline: AlarmDeadline; now: Date }) {
  return (
    <Text id={id} className={`pit-deadline${deadline.overdue ? ' pit-deadline--overdue' : ''}`} data-overdue={deadline.overdue ? 'true' : 'false'}>
      <Text className='pit-nowrap'>{formatTime(deadline.at, now)}</Text>
      {deadline.overdue ? <Text className='pit-tag pit-overdue-tag'>已逾期</Text> : null}
    </Text>
  );
}
