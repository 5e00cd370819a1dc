import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

/** One row of the home page's 常用 list: a one-character icon, the label, an optional badge, and ›. */
export function Shortcut({ id, icon, label, onOpen, children }: { id: string; icon: string; label: string; onOpen: () => void; children?: ReactNode }) {
  return (
    <View id={id} className='home-shortcut row' hoverClass='home-shortcut--active' onClick={onOpen}>
      <View className='home-shortcut-icon'>
        <Text>{icon}</Text>
      </View>
      <View className='home-shortcut-label'>{label}</View>
      <View className='spacer' />
      {children}
      <Text className='muted'>›</Text>
    </View>
  );
}
