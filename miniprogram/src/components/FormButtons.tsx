import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';

/**
 * The foot of a form: 取消 and the submit button (`#<submitId>`, its text the children), side by side.
 * Classes `<classPrefix>-form-buttons` and `<classPrefix>-form-button` (the SCSS mixin `action-form`).
 */
export function FormButtons({
  classPrefix,
  submitId,
  submitting,
  disabled,
  onCancel,
  onSubmit,
  children,
}: {
  classPrefix: string;
  submitId: string;
  submitting: boolean;
  disabled?: boolean;
  onCancel: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <View className={`${classPrefix}-form-buttons`}>
      <Button className={`${classPrefix}-form-button`} fill='outline' onClick={onCancel}>
        取消
      </Button>
      <Button id={submitId} className={`${classPrefix}-form-button`} type='primary' loading={submitting} disabled={disabled} onClick={onSubmit}>
        {children}
      </Button>
    </View>
  );
}
