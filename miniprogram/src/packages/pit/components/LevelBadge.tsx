import { Text } from '@tarojs/components';
import { LEVEL_COLORS, LEVEL_TEXT_COLORS, levelLabel, levelOf } from '../../../services/pit/view-model';

/** 黄 #f5c400 / 橙 #ff8a00 / 红 #e02020 pill; `data-level` lets tests read the level. */
export function LevelBadge({ level, label, short }: { level: string; label?: string; short?: boolean }) {
  const l = levelOf(level);
  const text = short ? levelLabel(l).slice(0, 2) : levelLabel(l, label);
  return (
    <Text className='pit-level-badge' data-level={l} style={{ background: LEVEL_COLORS[l], color: LEVEL_TEXT_COLORS[l] }}>
      {text}
    </Text>
  );
}
