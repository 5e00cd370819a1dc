import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { FormTextarea } from '../../../components/FormTextarea';
import { RATING_OPTIONS } from '../../../services/city/form-rules';
import type { CaseRating } from '../../../services/city/api';
import { CASE_REASON_MAX } from '@cityloop/shared/city/case.limits';
import './rate-panel.scss';

/**
 * 评价 of a closed case: no option is drawn chosen until the citizen taps one; a tap only chooses (nothing is
 * sent), an optional comment can be added, and 提交评价 sends both — the one step that is final.
 */
export function RatePanel({ busy, onSubmit }: { busy: boolean; onSubmit: (rating: CaseRating, comment: string) => void }) {
  const [choice, setChoice] = useState<CaseRating | null>(null);
  const [comment, setComment] = useState('');
  const submit = () => {
    if (choice && !busy) onSubmit(choice, comment.trim());
  };
  return (
    <View id='case-rate' className='card'>
      <View className='city-form-title'>问题解决了吗？请评价</View>
      <View className='muted'>您的评价计入责任单位的满意率考核，提交后不能修改</View>
      <View className='rate-options' role='radiogroup'>
        {RATING_OPTIONS.map((o) => (
          <View
            key={o.rating}
            id={`case-rate-${o.rating}`}
            className={`rate-option${choice === o.rating ? ' rate-option--on' : ''}`}
            role='radio'
            aria-checked={choice === o.rating ? 'true' : 'false'}
            onClick={() => !busy && setChoice(o.rating)}
          >
            {o.label}
          </View>
        ))}
      </View>
      <FormTextarea id='case-rate-comment' className='city-textarea rate-comment' value={comment} maxlength={CASE_REASON_MAX} placeholder='补充说明（选填），如处理效果、建议' onChange={setComment} />
      <Button
        id='case-rate-submit'
        className='btn-block rate-submit'
        type='primary'
        block
        loading={busy}
        disabled={!choice}
        {...({ 'aria-disabled': choice ? 'false' : 'true' } as object)}
        onClick={submit}
      >
        {choice ? '提交评价' : '请先选择满意度'}
      </Button>
    </View>
  );
}
