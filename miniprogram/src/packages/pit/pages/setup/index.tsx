import { useState } from 'react';
import { View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { session } from '../../../../services/client';
import { errorMessage } from '../../../../services/api';
import { pageParam } from '../../../../services/links';
import type { PitSetupView } from '../../../../services/pit/onboard-api';
import { PIT_PAGES } from '../../../../services/pit/api';
import { navigateTo, toast } from '../../../../services/adapters/taro';
import { LoginGate } from '../../components/LoginGate';
import { SetupLifecycle } from '../../components/setup/SetupLifecycle';
import { SetupParties } from '../../components/setup/SetupParties';
import { SetupImport } from '../../components/setup/SetupImport';
import { SetupRoute } from '../../components/setup/SetupRoute';
import { SetupPlan } from '../../components/setup/SetupPlan';
import { SetupDevices } from '../../components/setup/SetupDevices';
import { onboardApi } from '../../onboardApi';
import '../../pit.scss';
import './index.scss';

/**
 * 项目设置: the monitoring unit and the town regulator keep the project's setup (parties, points, route, plan,
 * devices); the regulator starts, pauses and closes monitoring. A closed project is read-only.
 */
export default function PitSetup() {
  const id = pageParam(useRouter().params.id);
  const [view, setView] = useState<PitSetupView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [policies, setPolicies] = useState<Record<string, boolean>>({});

  const load = async () => {
    if (!id || !session.isLoggedIn()) return;
    setError(null);
    try {
      const r = await onboardApi.setupWithPolicies(id);
      setView(r.data);
      setPolicies(r.policies ?? {});
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useDidShow(() => void load());

  const editable = !!view && view.status !== 'closed' && !!policies['pit.setup'];
  const props = view ? { view, onSaved: setView, editable } : null;
  return (
    <Page className='pit-setup-page'>
      <LoginGate>
        <LoadState error={error} loaded={view !== null} onRetry={() => void load()} />
        {props ? (
          <View key={`${view!.id}:${view!.version}`}>
            <SetupLifecycle {...props} />
            <SetupParties {...props} />
            <SetupImport {...props} />
            <SetupRoute {...props} />
            <SetupPlan {...props} />
            <SetupDevices {...props} editable={editable && !!policies['pit.device']} />
            <View id='setup-open-project' className='card row' hoverClass='pit-pressed' onClick={() => void navigateTo(PIT_PAGES.project(view!.id)).catch(() => toast('页面打开失败'))}>
              <View className='pit-strong'>查看监测数据</View>
              <View className='spacer' />
              <View className='muted'>›</View>
            </View>
          </View>
        ) : null}
      </LoginGate>
    </Page>
  );
}
