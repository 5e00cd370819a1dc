import { useState } from 'react';
import { View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../components/Page';
import { api } from '../../services/client';
import { errorMessage, isApiError, NETWORK_ERROR, BAD_RESPONSE } from '../../services/api';
import { kindLabel } from '../../services/format';
import { REVIEW_CODE_PAGE } from '../../services/review-access';
import { HOME_PAGE, readScanOptions } from '../../services/links';
import { reLaunch } from '../../services/adapters/taro';
import { redirectTo } from '../../services/adapters/taro';
import { plaquePageFor } from '../../services/plaque-access';
import { firePageFor } from '../../services/fire-access';
import { concretePageFor } from '../../services/concrete-access';
import { facilityLandingUrl, rememberCode } from '../../services/city-access';
import type { CodeInfo } from '../../services/types';
import { codeTitle } from '../../services/user';
import './index.scss';

type State =
  | { phase: 'loading' }
  | { phase: 'done'; code: CodeInfo }
  | { phase: 'error'; message: string; retry: boolean };

/** Where a resolved code lands, by kind; kinds without a page of their own stay on the result card. */
function landingFor(code: CodeInfo, token: string): string | null {
  switch (code.kind) {
    case 'facility':
      // 城市服务码 → the citizen landing (packages/citizen): maintainer, open cases, report.
      return facilityLandingUrl(code, token);
    case 'plaque':
      // 门前三包 plaque → its public page (packages/plaque).
      return plaquePageFor(code);
    case 'fire_report':
      // 消防检测报告 QR → the public report check (packages/fire): the registry's record of the report.
      return firePageFor(code, token);
    case 'concrete_ticket':
    case 'concrete_plant':
      // 预拌混凝土 truck ticket / plant code → its public check (packages/concrete): plant, grade, state, credit.
      return concretePageFor(code, token);
    case 'review':
      // 危大工程专家论证 site board / report → the review page (public part unless the reader may see more).
      return code.id ? `${REVIEW_CODE_PAGE}?id=${encodeURIComponent(code.id)}` : null;
    default:
      return null;
  }
}

export default function Scan() {
  const [token, setToken] = useState<string | null>(null);
  const [state, setState] = useState<State>({ phase: 'loading' });

  const lookup = async (t: string) => {
    setState({ phase: 'loading' });
    try {
      const code = await api.code(t);
      // A kind with its own landing page goes there (no flash of the card first); the card shows if that fails.
      const landing = landingFor(code, t);
      if (landing) {
        rememberCode(t, code);
        void redirectTo(landing).catch(() => setState({ phase: 'done', code }));
      } else setState({ phase: 'done', code });
    } catch (e) {
      const retry = isApiError(e) && (e.code === NETWORK_ERROR || e.code === BAD_RESPONSE);
      setState({ phase: 'error', message: errorMessage(e), retry });
    }
  };

  useLoad((options: Record<string, string | undefined>) => {
    const target = readScanOptions(options);
    if (!target.token) {
      setState({ phase: 'error', message: '无法识别的二维码链接，请确认扫描的是本系统的二维码', retry: false });
      return;
    }
    setToken(target.token);
    void lookup(target.token);
  });

  return (
    <Page className='scan'>
      {state.phase === 'loading' ? <View className='loading-text'>正在识别…</View> : null}

      {state.phase === 'done' ? (
        <View id='scan-result' className='card scan-result' data-kind={state.code.kind}>
          <View className='scan-kind'>{kindLabel(state.code.kind)}</View>
          <View className='scan-name'>{codeTitle(state.code)}</View>
          {state.code.subtitle ? <View className='muted scan-subtitle'>{state.code.subtitle}</View> : null}
          <View className='muted scan-hint'>已识别，相关功能即将开放</View>
        </View>
      ) : null}

      {state.phase === 'error' ? (
        <View className='scan-error-box'>
          <ErrorText id='scan-error' message={state.message} />
          {state.retry && token ? (
            <Button className='btn-block' type='primary' onClick={() => void lookup(token)}>
              重试
            </Button>
          ) : null}
        </View>
      ) : null}

      <Button id='scan-home' className='btn-block' fill='outline' onClick={() => void reLaunch(HOME_PAGE)}>
        返回首页
      </Button>
    </Page>
  );
}
