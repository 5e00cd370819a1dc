import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';

/**
 * One button for each action the server allows (`actions`, in order), the one whose form is open filled.
 * Classes `<classPrefix>-actions` and `<classPrefix>-action` (the SCSS mixin `actions`); ids `#<idPrefix>-actions`
 * and `#<idPrefix>-action-<action>`.
 */
export function ActionButtons<A extends string>({
  idPrefix,
  classPrefix,
  actions,
  open,
  onOpen,
}: {
  idPrefix: string;
  classPrefix: string;
  actions: { action: A; label: string }[];
  open: A | null;
  onOpen: (action: A) => void;
}) {
  return (
    <View id={`${idPrefix}-actions`} className={`${classPrefix}-actions`}>
      {actions.map((s) => (
        <Button
          key={s.action}
          id={`${idPrefix}-action-${s.action}`}
          className={`${classPrefix}-action`}
          type='primary'
          fill={open === s.action ? 'solid' : 'outline'}
          onClick={() => onOpen(s.action)}
        >
          {s.label}
        </Button>
      ))}
    </View>
  );
}
