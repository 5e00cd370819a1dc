import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { useSessionUser } from '../../../../components/hooks';
import { navigateTo } from '../../../../services/adapters/taro';
import { FIRE_PAGES, type FireAgencyView } from '../../../../services/fire/api';
import { Card } from '../../components/FireBits';
import { AgencyForm } from '../../components/RegistryForms';
import { fireApi } from '../../fireApi';
import '../../fire.scss';

/** 检测机构名录: agencies with their practice scope, qualification and credit; the regulator registers or imports more. */
export default function FireRegistryPage() {
  const user = useSessionUser();
  const regulator = !!user?.roles?.some((r) => r.role === 'regulator');
  const [agencies, setAgencies] = useState<FireAgencyView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => fireApi.agencies().then((a) => { setAgencies(a); setError(null); }).catch((e) => setError((e as Error).message));
  useDidShow(() => void load());
  return (
    <Page>
      <LoadState error={error} loaded={!!agencies} onRetry={() => void load()} />
      <Card title={`检测机构（${agencies?.length ?? 0}）`} id='fire-registry-list'>
        {agencies?.length === 0 ? <View className='fire-sub' id='fire-registry-empty'>暂无登记的检测机构</View> : null}
        {agencies?.map((a) => (
          <View key={a.id} className='fire-row fire-registry-row' onClick={() => navigateTo(FIRE_PAGES.agency(a.id))}>
            <View>
              <View>{a.name}</View>
              <View className='fire-sub'>{`${a.practice.scope} · 场所 ${a.practice.workplaceM2} ㎡ · 信用 ${a.credit.score}`}</View>
              {a.reasons.length ? <View className='fire-sub fire-bad'>{a.reasons.join('；')}</View> : null}
            </View>
            <Text className={a.qualified ? 'fire-pill' : 'fire-pill fire-sev-3'}>{a.qualified ? '可承接' : '暂停承接'}</Text>
          </View>
        ))}
      </Card>
      {regulator ? (
        <>
          <View className='fire-actions' style={{ padding: '0 24px' }}>
            <Button id='fire-registry-import' onClick={() => navigateTo(FIRE_PAGES.import)}>批量导入机构</Button>
          </View>
          <AgencyForm onDone={(id) => navigateTo(FIRE_PAGES.agency(id))} />
        </>
      ) : null}
    </Page>
  );
}
