import { useState } from 'react';
import { View } from '@tarojs/components';
import { ErrorText } from '../../../components/Page';
import { FormButtons } from '../../../components/FormButtons';
import { FormTextarea } from '../../../components/FormTextarea';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { toast } from '../../../services/adapters/taro';
import { pitApi } from '../pitApi';
import { VOID_REASON_MAX } from '@cityloop/shared/pit/pit.limits';

const MIN_REASON = 4;

/** 作废 (regulators): the upload stays as evidence and counts for nothing; the reason is kept with it. */
export function VoidUploadForm({ uploadId, onClose, onDone }: { uploadId: string; onClose: () => void; onDone: () => Promise<void> }) {
  const [reason, setReason] = useState('');
  const { busy, formError, setFormError, send, edited } = useFormSubmit<'void'>(onDone);
  const submit = () => {
    if (reason.trim().length < MIN_REASON) return setFormError(`请说明作废原因（至少 ${MIN_REASON} 个字）`);
    void send('void', async () => {
      await pitApi.voidUpload(uploadId, reason.trim());
      toast('已作废', 'success');
      onClose();
      await onDone();
    });
  };
  return (
    <View className='pit-void-form' id='pit-void-form'>
      <View className='pit-form-title'>作废本期数据</View>
      <View className='muted'>作废后本期数据保留备查，不再用于曲线、日报和速率计算；已产生的报警在处置记录中注明。</View>
      <FormTextarea id='pit-void-reason' className='pit-textarea' value={reason} maxlength={VOID_REASON_MAX} placeholder='作废原因，例如：监测单位确认仪器读数录入错误' onChange={edited(setReason)} />
      <ErrorText message={formError} />
      <FormButtons classPrefix='pit' submitId='pit-void-submit' submitting={busy === 'void'} onCancel={onClose} onSubmit={submit}>
        确认作废
      </FormButtons>
    </View>
  );
}
