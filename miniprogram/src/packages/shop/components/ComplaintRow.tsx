import { Text, View } from '@tarojs/components';
import { formatTime } from '../../../services/format';
import { countdown, stateColor, stateLabel } from '../../../services/plaque/view-model';
import { type ShopComplaint } from '../../../services/plaque/api';
import { useNow } from '../../plaque/components/useNow';

/**
 * The live time left to fix (`.shop-deadline`, `data-overdue`). It ticks by itself, so only this text
 * re-renders every second (a page-wide tick would re-render, and on H5 reset, the score chart's canvas).
 */
export function Deadline({ deadline, id }: { deadline: string; id?: string }) {
  const now = useNow(1000);
  const left = countdown(deadline, now);
  const cls = `shop-deadline${left.overdue ? ' shop-deadline--overdue' : left.urgent ? ' shop-deadline--urgent' : ''}`;
  return (
    <Text id={id} className={cls} data-deadline={deadline} data-overdue={left.overdue ? 'true' : 'false'}>
      {left.text}
    </Text>
  );
}

/** One complaint in the shop's list: class, state, what was seen, when; open ones with their countdown. */
export function ComplaintRow({ c, now, onOpen }: { c: ShopComplaint; now: Date; onOpen: () => void }) {
  const open = c.state === 'open';
  return (
    <View className={`shop-complaint${open ? ' shop-complaint--open' : ''}`} data-id={c.id} data-state={c.state} hoverClass='plaque-pressed' onClick={onOpen}>
      <View className='plaque-record-head'>
        <Text className='plaque-record-class'>{c.className}</Text>
        <Text className='plaque-state shop-complaint-state' style={{ color: stateColor(c.state) }}>
          {stateLabel(c.state, c.stateLabel)}
        </Text>
      </View>
      <View className='plaque-record-text'>{c.description}</View>
      {c.deduction ? (
        <View className='shop-deduction' data-points={c.deduction.points}>
          扣 {c.deduction.points} 分 · {c.deduction.why}
        </View>
      ) : null}
      <View className='shop-complaint-foot'>
        {open ? <Deadline deadline={c.deadline} /> : <Text className='muted'>{formatTime(c.createdAt, now)} 投诉</Text>}
        <View className='spacer' />
        <Text className='muted'>{open ? '去整改' : '详情'}</Text>
        <Text className='shop-arrow'>›</Text>
      </View>
    </View>
  );
}
