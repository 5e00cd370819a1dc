import { Text } from '@tarojs/components';
import { stateColor, stateLabel } from '../services/plaque/view-model';

/** A 门前三包 complaint's state in its colour (`.plaque-state`; `data-state` for tests). */
export function ComplaintStatePill({ id, state, label }: { id: string; state: string; label?: string }) {
  return (
    <Text id={id} className='plaque-state' data-state={state} style={{ color: stateColor(state) }}>
      {stateLabel(state, label)}
    </Text>
  );
}
