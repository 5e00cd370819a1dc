import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { useRecordWithPolicies } from '../../../../components/useRecordLoader';
import { formatTime } from '../../../../services/format';
import { LEVEL_COLORS, LEVEL_TEXT_COLORS, PARTY_LABELS, SAFETY_LEVEL_LABELS, SUPPORT_TYPE_LABELS, formatLevelPercent, formatPercent, formatValue, levelOf, ratioOf } from '../../../../services/pit/view-model';
import { PIT_PAGES, type PitProjectDetail } from '../../../../services/pit/api';
import { PIT_PARTY_ROLES } from '../../../../services/pit-access';
import { pageParam } from '../../../../services/links';
import { makePhoneCall, navigateTo, toast } from '../../../../services/adapters/taro';
import { errorMessage } from '../../../../services/api';
import { askSubscribe } from '../../../../services/adapters/subscribe';
import { subscribeToast } from '../../../../services/subscribe';
import { LevelBadge } from '../../components/LevelBadge';
import { Qty } from '../../components/Qty';
import { UploadButton } from '../../components/UploadEntry';
import { ONBOARD_PAGES } from '../../../../services/pit/onboard-api';
import { DailyReport } from '../../components/DailyReport';
import { LoginGate } from '../../components/LoginGate';
import { pitApi } from '../../pitApi';
import { checkinLink } from '../../../../services/checkin/view-model';
import '../../pit.scss';
import './index.scss';

/**
 * One pit: its parties, every point's latest value against control, and the ways into alarms, uploads (the
 * monitoring unit uploads from here) and the daily report (owner, monitoring unit, regulators).
 */
export default function PitProject() {
  const id = pageParam(useRouter().params.id);
  const { data: project, policies, error, retry } = useRecordWithPolicies<PitProjectDetail>(id, '缺少项目编号', (key) => pitApi.project(key));
  // 拨打: the number is asked for only when tapped (pages show it masked)
  const call = async (userId: string) => {
    try {
      await makePhoneCall((await pitApi.partyPhone(id, userId)).phone);
    } catch (e) {
      toast(errorMessage(e));
    }
  };

  const open = (url: string) => void navigateTo(url).catch(() => toast('页面打开失败'));
  const now = new Date();
  const p = project;

  return (
    <Page className='pit-project-page'>
      <LoginGate>
        <LoadState error={error} loaded={!!p} onRetry={retry} />
        {p ? (
          <View>
            <View className='card'>
              <View className='row'>
                <View id='pit-project-name' className='pit-title spacer'>
                  {p.name}
                </View>
                <LevelBadge level={p.worstLevel} />
              </View>
              <View className='pit-sub'>{p.address}</View>
              <View className='pit-kv'>
                <View className='pit-kv-item'>
                  <View className='pit-kv-label'>安全等级</View>
                  <View className='pit-kv-value'>{SAFETY_LEVEL_LABELS[p.safetyLevel] ?? p.safetyLevel}</View>
                </View>
                <View className='pit-kv-item'>
                  <View className='pit-kv-label'>开挖深度</View>
                  <View className='pit-kv-value'>
                    <Qty text={`${p.depthM} m`} />
                  </View>
                </View>
                <View className='pit-kv-item'>
                  <View className='pit-kv-label'>支护形式</View>
                  <View className='pit-kv-value'>{SUPPORT_TYPE_LABELS[p.supportType] ?? p.supportType}</View>
                </View>
                <View className='pit-kv-item pit-kv-item--wide'>
                  <View className='pit-kv-label'>预警分级（达到控制值的）</View>
                  <View id='pit-project-levels' className='pit-kv-value'>
                    <Qty text={`黄 ≥${formatLevelPercent(p.levels.yellow)}`} /> · <Qty text={`橙 ≥${formatLevelPercent(p.levels.orange)}`} /> ·{' '}
                    <Qty text={`红 ≥${formatLevelPercent(p.levels.red)}`} />
                  </View>
                </View>
              </View>
            </View>

            <View className='pit-actions'>
              <Button id='pit-alarms-open' className='pit-action' type='primary' onClick={() => open(PIT_PAGES.alarms(p.id))}>
                报警列表
              </Button>
              <Button id='pit-uploads-open' className='pit-action' fill='outline' type='primary' onClick={() => open(PIT_PAGES.uploads(p.id))}>
                上传记录
              </Button>
              {policies['pit.setup'] ? (
                <Button id='pit-setup-open' className='pit-action' fill='outline' type='primary' onClick={() => open(ONBOARD_PAGES.setup(p.id))}>
                  项目设置{p.statusLabel && p.status !== 'active' ? `（${p.statusLabel}）` : ''}
                </Button>
              ) : null}
              {policies['pit.upload'] ? <UploadButton projectId={p.id} className='pit-action' /> : null}
              {policies['pit.upload'] ? (
                <Button id='pit-checkin' className='pit-action' type='primary' fill='outline' onClick={() => void navigateTo(checkinLink({ siteKind: 'pit_site', siteId: p.id, back: `/packages/pit/pages/project/index?id=${p.id}` }))}>
                  现场签到
                </Button>
              ) : null}
              {policies['alarm.raise_danger'] ? (
                <View className='pit-action pit-danger-btn'>
                  <Button id='pit-danger-open' type='primary' block onClick={() => open(PIT_PAGES.danger(p.id))}>
                    发起危险报警
                  </Button>
                </View>
              ) : null}
            </View>

            <Button id='pit-subscribe' className='btn-block' fill='outline' type='primary' onClick={() => void askSubscribe(['pitAlarm', 'progress']).then((o) => toast(subscribeToast(o)))}>
              订阅预警通知
            </Button>

            {policies['pit.daily_report'] ? <DailyReport projectId={p.id} projectName={p.name} firstDate={p.firstDataDate} /> : null}

            <View className='section-title'>监测点（点击查看曲线）</View>
            <View id='pit-points' className='card pit-table'>
              <View className='pit-tr pit-th'>
                <View className='pit-td pit-td--main'>测点 / 监测项</View>
                <View className='pit-td pit-td--num pit-points-num'>最新值</View>
                <View className='pit-td pit-td--tag'>占控制值</View>
              </View>
              {p.points.map((pt) => {
                const level = levelOf(pt.last?.level);
                const ratio = ratioOf(pt.last?.value, pt.control.cumulative);
                return (
                  <View key={pt.code} className='pit-tr pit-point' data-code={pt.code} data-level={level} hoverClass='pit-pressed' onClick={() => open(PIT_PAGES.point(p.id, pt.code))}>
                    <View className='pit-td pit-td--main row'>
                      <View className='pit-point-dot' style={{ background: LEVEL_COLORS[level] }} />
                      <View>
                        <View className='pit-point-code'>{pt.code}</View>
                        <View className='pit-point-item'>{pt.itemLabel}</View>
                      </View>
                    </View>
                    <View className='pit-td pit-td--num pit-points-num'>
                      <View className='pit-strong pit-point-value pit-nowrap'>{formatValue(pt.last?.value, pt.unit)}</View>
                      <View className='muted'>{pt.last ? formatTime(pt.last.at, now) : '暂无数据'}</View>
                    </View>
                    <View className='pit-td pit-td--tag'>
                      <Text
                        className='pit-point-pct'
                        style={level === 'normal' ? { color: '#1f2329', background: '#eef0f3' } : { background: LEVEL_COLORS[level], color: LEVEL_TEXT_COLORS[level] }}
                      >
                        {formatPercent(ratio)}
                      </Text>
                    </View>
                  </View>
                );
              })}
            </View>

            <View className='section-title'>参建单位</View>
            <View id='pit-parties' className='card'>
              {PIT_PARTY_ROLES.filter((r) => p.parties[r]).map((r) => (
                <View key={r} className='pit-party row' data-role={r}>
                  <View className='pit-party-role'>{PARTY_LABELS[r]}</View>
                  <View className='pit-party-org'>
                    <View>{p.parties[r]!.org}</View>
                    {p.parties[r]!.people.length ? (
                      p.parties[r]!.people.map((x, i) => (
                        <View key={x.userId ?? i} className='muted pit-party-person row'>
                          <Text>{x.name}</Text>
                          {x.phoneMasked ? <Text className='cl-nowrap'>&nbsp;{x.phoneMasked}</Text> : null}
                          <View className='spacer' />
                          {x.phoneMasked && x.userId ? (
                            <Text id={`pit-call-${x.userId}`} className='pit-party-call' onClick={() => void call(x.userId!)}>
                              拨打
                            </Text>
                          ) : null}
                        </View>
                      ))
                    ) : (
                      <View className='muted'>—</View>
                    )}
                  </View>
                </View>
              ))}
            </View>
          </View>
        ) : null}
      </LoginGate>
    </Page>
  );
}
