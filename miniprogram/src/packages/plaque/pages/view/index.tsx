import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import { formatTime } from '../../../../services/format';
import { pageParam } from '../../../../services/links';
import { PLAQUE_PAGES, type PlaqueView } from '../../../../services/plaque/api';
import { SCORE_RULE, fixText, maskedOrDash, stateColor, stateLabel, zoneText } from '../../../../services/plaque/view-model';
import { scoreHistoryChart, scorePoints } from '../../../../services/plaque/chart';
import type { ChartBox } from '../../../../charts/draw';
import { navigateTo, stopPullDownRefresh } from '../../../../services/adapters/taro';
import { GradeBadge } from '../../components/GradeBadge';
import { ScoreChart } from '../../components/ScoreChart';
import { plaqueApi } from '../../plaqueApi';
import { LinkedPhotos, type PhotoUrls } from '../../components/LinkedPhotos';
import '../../plaque.scss';
import './index.scss';

/**
 * The public plaque (智能责任牌) a citizen lands on after scanning: the shop, its 门前三包 duties, grade, score
 * and trend, how recent complaints were handled (anonymised), and the way to complain. No login needed.
 */
export default function PlaqueViewPage() {
  const id = pageParam(useRouter().params.id);
  const [plaque, setPlaque] = useState<PlaqueView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  const load = async () => {
    if (!id) {
      setError('缺少责任牌编号，请重新扫码');
      return;
    }
    setError(null);
    try {
      setPlaque(await plaqueApi.view(id));
      setNow(Date.now());
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const chart = useCallback((box: ChartBox) => scoreHistoryChart({ points: scorePoints(plaque?.trend), now }, box), [plaque, now]);

  const p = plaque;
  const nowDate = new Date(now);
  const zone = p ? zoneText(p.zone) : null;

  return (
    <Page className='plaque-view-page'>
      <ErrorText id='plaque-error' message={error} />
      {error && id ? (
        <Button className='btn-block' fill='outline' onClick={() => void load()}>
          重试
        </Button>
      ) : null}
      {!p && !error ? <View className='loading-text'>正在加载…</View> : null}
      {p ? (
        <View>
          <View className='card plaque-head' id='plaque-card' data-id={p.id}>
            <View className='plaque-head-label'>门前三包责任户</View>
            <View id='plaque-name' className='plaque-title'>
              {p.name}
            </View>
            <View className='plaque-sub'>{p.address}</View>
            <View className='plaque-score-row'>
              <Text id='plaque-score' className='plaque-score' data-score={p.score}>
                {p.score}
              </Text>
              <Text className='plaque-score-unit'>分</Text>
              <GradeBadge id='plaque-grade' grade={p.grade} large />
            </View>
            <View id='plaque-patrol' className='plaque-patrol'>
              巡查频次：{p.patrol}
            </View>
            <View className='plaque-form-label'>门前责任</View>
            <View id='plaque-duties' className='plaque-duties'>
              {p.duties.map((d) => (
                <Text key={d} className='plaque-duty'>
                  {d}
                </Text>
              ))}
            </View>
            <View className='plaque-kv'>
              {zone ? (
                <View className='plaque-kv-item plaque-kv-item--wide'>
                  <View className='plaque-kv-label'>责任区</View>
                  <View className='plaque-kv-value'>{zone}（至路沿石）</View>
                </View>
              ) : null}
              <View className='plaque-kv-item'>
                <View className='plaque-kv-label'>责任人</View>
                <View id='plaque-owner' className='plaque-kv-value'>
                  {maskedOrDash(p.owner.name)}
                </View>
              </View>
            </View>
          </View>

          <Button id='plaque-complain-open' className='btn-block plaque-complain-btn' type='primary' size='large' block onClick={() => void navigateTo(PLAQUE_PAGES.complain(p.id))}>
            门前有问题？我要投诉
          </Button>
          <View className='muted plaque-complain-hint'>投诉将直接通知商户限时整改，逾期转城管执法；商户看不到您的身份</View>

          <View className='card plaque-chart-card'>
            <View className='plaque-chart-title'>评分走势</View>
            <ScoreChart id='plaque-score-canvas' build={chart} />
            <View className='plaque-note'>{SCORE_RULE}</View>
          </View>

          <View className='section-title'>近期投诉及整改（匿名）</View>
          <View id='plaque-recent' className='card plaque-list'>
            {p.recentComplaints.map((c) => (
              <View key={c.id} className='plaque-record plaque-recent-item' data-id={c.id} data-state={c.state}>
                <View className='plaque-record-head'>
                  <Text className='plaque-record-class'>{c.className}</Text>
                  <Text className='plaque-state' style={{ color: stateColor(c.state) }}>
                    {stateLabel(c.state, c.stateLabel)}
                  </Text>
                </View>
                <View className='plaque-record-text'>{c.description}</View>
                <View className='plaque-record-meta'>
                  <Text>{formatTime(c.createdAt, nowDate)} 投诉</Text>
                  <Text className={`plaque-recent-fix${c.fixInTime === false || c.state === 'escalated' ? ' plaque-record-fix--late' : ''}`}> · {fixText(c)}</Text>
                </View>
                <LinkedPhotos className='plaque-recent-photos' urls={(c as PhotoUrls).fixPhotoUrls} small />
              </View>
            ))}
            {p.recentComplaints.length === 0 ? (
              <View id='plaque-recent-empty' className='plaque-empty'>
                暂无投诉记录
              </View>
            ) : null}
          </View>
        </View>
      ) : null}
    </Page>
  );
}
