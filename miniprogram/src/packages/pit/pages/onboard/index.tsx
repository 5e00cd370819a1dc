import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { session } from '../../../../services/client';
import { errorMessage } from '../../../../services/api';
import { ONBOARD_PAGES, type OnboardTown } from '../../../../services/pit/onboard-api';
import { projectFormProblem, type ProjectForm } from '../../../../services/pit/onboard-form';
import { redirectTo, toast } from '../../../../services/adapters/taro';
import { LoginGate } from '../../components/LoginGate';
import { ProjectFields } from '../../components/setup/ProjectFields';
import { Options } from '../../components/setup/Options';
import { onboardApi } from '../../onboardApi';
import '../../pit.scss';
import './index.scss';

const EMPTY: ProjectForm = { name: '', address: '', lng: '', lat: '', depthM: '', safetyLevel: 1, supportType: 'pile', townId: '' };

/** 登记基坑项目: the monitoring unit (in its city) or the town regulator (in their town); the project starts 待审核. */
export default function PitOnboard() {
  const [towns, setTowns] = useState<OnboardTown[] | null>(null);
  const [form, setForm] = useState<ProjectForm>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!session.isLoggedIn()) return;
    onboardApi
      .towns()
      .then((t) => {
        setTowns(t);
        if (t.length === 1) setForm((f) => ({ ...f, townId: t[0].townId }));
      })
      .catch((e) => setError(errorMessage(e)));
  }, []);

  const submit = async () => {
    if (busy) return;
    const problem = projectFormProblem(form);
    if (problem) return setError(problem);
    const town = towns?.find((t) => t.townId === form.townId);
    if (!town) return setError('请选择镇街');
    setBusy(true);
    setError(null);
    try {
      const p = await onboardApi.create({ name: form.name.trim(), address: form.address.trim(), location: { lng: Number(form.lng), lat: Number(form.lat) }, safetyLevel: form.safetyLevel, depthM: Number(form.depthM), supportType: form.supportType as never, cityId: town.cityId, townId: town.townId });
      toast('已登记，待监管部门审核', 'success');
      await redirectTo(ONBOARD_PAGES.setup(p.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page className='pit-onboard-page'>
      <LoginGate>
        <View className='card'>
          <View className='pit-title'>基本信息</View>
          <ProjectFields form={form} onChange={(f) => { setForm(f); setError(null); }} />
          <View className='pit-form-label'>所在镇街</View>
          {towns && towns.length === 0 ? <View className='muted'>您没有可登记基坑项目的镇街</View> : null}
          <Options id='onboard-town' value={form.townId} options={(towns ?? []).map((t) => ({ value: t.townId, label: t.name }))} onChange={(townId) => setForm({ ...form, townId })} />
          <View className='pit-note'>登记后由所在镇街监管部门审核，审核通过后开始监测；控制值按 GB 50497 默认值预填，由设计单位确认。</View>
          <ErrorText message={error} />
          <Button id='onboard-submit' className='btn-block' type='primary' size='large' block loading={busy} onClick={() => void submit()}>
            登记项目
          </Button>
        </View>
      </LoginGate>
    </Page>
  );
}
