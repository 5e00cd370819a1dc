import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { navigateTo } from '../../../../services/adapters/taro';
import { session } from '../../../../services/client';
import { FIRE_PAGES, type FireAgencyView, type FireProjectView } from '../../../../services/fire/api';
import { ActionButton, Card } from '../../components/FireBits';
import { fireApi } from '../../fireApi';
import { WholeText } from '../../../../components/WholeText';
import '../../fire.scss';

/** 检测项目: the agency's projects (or, for a regulator, every project of the area) and the agency's profile. */
export default function FireProjectsPage() {
  const [projects, setProjects] = useState<FireProjectView[] | null>(null);
  const [agencies, setAgencies] = useState<FireAgencyView[]>([]);
  const [error, setError] = useState<string | null>(null);
  useDidShow(() => {
    Promise.all([fireApi.projects(), fireApi.agencies()])
      .then(([p, a]) => {
        setProjects(p);
        setAgencies(a);
      })
      .catch((e) => setError((e as Error).message));
  });
  const agencyStaff = (session.getUser()?.roles ?? []).some((r) => r.role === 'agency' && r.orgId);
  return (
    <Page>
      <LoadState error={error} loaded={!!projects} />
      {agencyStaff ? <View className='fire-card'><ActionButton id='fire-new-plan' onClick={() => navigateTo(FIRE_PAGES.plan)}>＋ 新建检测项目</ActionButton></View> : null}
      <Card title={<View className='fire-row'><Text>检测机构</Text><Text className='fire-pill' id='fire-open-registry' onClick={() => navigateTo(FIRE_PAGES.registry)}>机构名录与登记 ›</Text></View>}>
        {agencies.map((a) => (
          <View key={a.id} className='fire-row' onClick={() => navigateTo(FIRE_PAGES.agency(a.id))}>
            <Text>{a.name}</Text>
            <Text className={a.qualified ? 'fire-good' : 'fire-bad'}>{a.qualified ? `可承接 · 信用 ${a.credit.score}` : '暂停承接'}</Text>
          </View>
        ))}
      </Card>
      <Card title='检测项目'>
        {projects?.length === 0 ? <View className='fire-sub'>暂无检测项目</View> : null}
        {projects?.map((p) => (
          <View key={p.id} className='fire-row fire-project-row' onClick={() => navigateTo(FIRE_PAGES.project(p.id))}>
            <View>
              <View>{p.building.name}</View>
              <View className='fire-sub'><WholeText text={`${p.agencyName} · 检测日 ${p.testDate}`} /></View>
            </View>
            <Text className='fire-pill'>{p.stateLabel}</Text>
          </View>
        ))}
      </Card>
    </Page>
  );
}
