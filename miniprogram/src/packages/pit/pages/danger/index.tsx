import { useEffect, useState } from 'react';
import { Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { session } from '../../../../services/client';
import { errorMessage } from '../../../../services/api';
import { PIT_PAGES } from '../../../../services/pit/api';
import { pageParam } from '../../../../services/links';
import { validateDanger } from '../../../../services/pit/form-rules';
import { redirectTo, toast } from '../../../../services/adapters/taro';
import { PhotoPicker, type PhotoItem } from '../../../citizen/components/PhotoPicker';
import { LoginGate } from '../../components/LoginGate';
import { pitApi } from '../../pitApi';
import '../../pit.scss';
import './index.scss';
import { DANGER_DESCRIPTION_MAX } from '@cityloop/shared/pit/pit.limits';

/** GB 50497 §8.0.9 (docs/domain/pit.md §1.4): what warrants an immediate danger alarm, in short. */
const SITUATIONS = [
  '支护结构位移突然明显增大，或出现流砂、管涌、隆起、陷落、严重渗漏',
  '支撑或锚杆过大变形、压屈、断裂、松弛或拔出',
  '周边建筑因变形出现危及结构的裂缝',
  '周边地面突发较严重裂缝、空洞或塌陷',
  '周边管线变形突然明显增大，或出现裂缝、泄漏',
];

/** 发起危险报警: a party's manual red alarm from a patrol, bypassing thresholds. */
export default function PitDanger() {
  const projectId = pageParam(useRouter().params.projectId);
  const [projectName, setProjectName] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [evidence, setEvidence] = useState<PhotoItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!projectId || !session.isLoggedIn()) return;
    pitApi
      .project(projectId)
      .then((r) => setProjectName(r.data.name))
      .catch((e) => setError(errorMessage(e)));
  }, [projectId]);

  const submit = async () => {
    if (submitting) return;
    if (!projectId) {
      setError('缺少项目编号');
      return;
    }
    if (uploading) {
      setError('照片仍在上传，请稍候');
      return;
    }
    const invalid = validateDanger(description);
    if (invalid) {
      setError(invalid);
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const alarm = await pitApi.raiseDanger(projectId, { description: description.trim(), evidence: evidence.map((x) => x.sha256) });
      toast('危险报警已发出', 'success');
      await redirectTo(PIT_PAGES.alarm(alarm.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Page className='pit-danger-page'>
      <LoginGate>
        <View className='card danger-intro'>
          <View className='danger-intro-title'>出现以下情况，应立即发起危险报警</View>
          {SITUATIONS.map((s, i) => (
            <View key={s} className='danger-intro-item'>
              {i + 1}. {s}
            </View>
          ))}
        </View>
        <View className='card'>
          <View id='danger-project' className='pit-title'>
            {projectName ?? '基坑项目'}
          </View>
          <View className='muted'>报警将立即通知各参建单位和监管部门（红色）</View>
          <View className='pit-form-label'>险情描述</View>
          <Textarea
            id='danger-description'
            className='pit-textarea'
            value={description}
            maxlength={DANGER_DESCRIPTION_MAX}
            placeholder='请描述位置和现象，如：东侧坑边地面出现 3 条裂缝，最宽约 5 mm'
            onInput={(e) => {
              setDescription(e.detail.value);
              setError(null);
            }}
          />
          <View className='pit-form-label'>现场照片</View>
          <PhotoPicker
            idPrefix='pit-evidence'
            api={pitApi}
            tileClass='pit-evidence-thumb'
            items={evidence}
            onChange={(items) => {
              setEvidence(items);
              setError(null);
            }}
            onBusyChange={setUploading}
          />
          <ErrorText message={error} />
          <View className='pit-danger-btn'>
            <Button id='danger-submit' className='btn-block' type='primary' size='large' block loading={submitting} disabled={uploading} onClick={() => void submit()}>
              立即发起危险报警
            </Button>
          </View>
        </View>
      </LoginGate>
    </Page>
  );
}
