import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { accuracyText, formatLngLat, isCoarse, type Fix } from '../../../services/city-geo';
import { getLocation, LocationError, openLocationSettings } from '../../../services/adapters/city-device';

export type LocationState =
  | { phase: 'idle' }
  | { phase: 'locating' }
  | { phase: 'ok'; fix: Fix }
  | { phase: 'error'; message: string; denied: boolean };

/**
 * The device position for a form, asked for only when the page needs it. `locate()` resolves with a fresh
 * fix or null (the state then carries the Chinese reason); concurrent calls share one request.
 */
export function useLocation() {
  const [state, setState] = useState<LocationState>({ phase: 'idle' });
  const pending = useRef<Promise<Fix | null> | null>(null);

  const locate = (): Promise<Fix | null> => {
    if (pending.current) return pending.current;
    setState({ phase: 'locating' });
    const p = getLocation()
      .then((fix) => {
        setState({ phase: 'ok', fix });
        return fix;
      })
      .catch((e: unknown) => {
        const denied = e instanceof LocationError && e.reason === 'denied';
        setState({ phase: 'error', message: e instanceof LocationError ? e.message : '暂时无法获取位置，请稍后重试', denied });
        return null;
      })
      .finally(() => {
        pending.current = null;
      });
    pending.current = p;
    return p;
  };

  return { state, locate, fix: state.phase === 'ok' ? state.fix : null };
}

/**
 * One line: 正在定位… / 已定位 · 定位精度约 12 米 / why it failed, with 重新定位. `purpose` says why we ask
 * (privacy: explain before asking). `data-phase` and `data-accuracy` let tests read it.
 */
export function LocationStatus({ id, state, onRetry, purpose }: { id: string; state: LocationState; onRetry: () => void; purpose: string }) {
  const fix = state.phase === 'ok' ? state.fix : null;
  return (
    <View id={id} className='city-location' data-phase={state.phase} data-accuracy={fix ? Math.round(fix.accuracy) : undefined}>
      <View className='row'>
        <View className={`city-location-dot city-location-dot--${state.phase}`} />
        <View className='city-location-main'>
          {state.phase === 'idle' ? <Text>尚未定位</Text> : null}
          {state.phase === 'locating' ? <Text>正在定位…</Text> : null}
          {fix ? (
            <View>
              <Text className='city-location-ok'>已定位</Text>
              <Text className={`city-location-accuracy${isCoarse(fix) ? ' is-coarse' : ''}`}>{` · ${accuracyText(fix.accuracy)}`}</Text>
              <View className='muted'>{formatLngLat(fix)}</View>
              {isCoarse(fix) ? <View className='city-location-warn'>精度不足，请到开阔处稍候再重新定位</View> : null}
            </View>
          ) : null}
          {state.phase === 'error' ? <Text className='city-location-error'>{state.message}</Text> : null}
        </View>
        {state.phase !== 'locating' ? (
          <Text className='city-link city-location-retry' onClick={onRetry}>
            {state.phase === 'idle' ? '定位' : '重新定位'}
          </Text>
        ) : null}
      </View>
      {state.phase === 'error' && state.denied && process.env.TARO_ENV !== 'h5' ? (
        <Text className='city-link' onClick={openLocationSettings}>
          去设置开启定位
        </Text>
      ) : null}
      <View className='muted city-location-purpose'>{purpose}</View>
    </View>
  );
}
