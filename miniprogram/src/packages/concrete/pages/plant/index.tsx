import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { useSessionUser } from '../../../../components/hooks';
import { api } from '../../../../services/client';
import { pageParam } from '../../../../services/links';
import { navigateTo } from '../../../../services/adapters/taro';
import { CONCRETE_PAGES, bjTime } from '../../../../services/concrete/api';
import { Card, Empty, Row, useLoaded, ListState } from '../../components/Bits';
import { IssueTicket } from '../../components/IssueTicket';
import { concreteApi } from '../../concreteApi';
import '../../concrete.scss';

/** A plant scanned by anyone: status, credit, address (the code resolver's public answer). */
function PublicPlant({ code }: { code: string }) {
  const r = useLoaded(() => api.code(code));
  const d = (r.data?.data ?? {}) as { status?: string; credit?: number; address?: string };
  return (
    <Page>
      <LoadState error={r.error} loaded={!!r.data} />
      {r.data ? (
        <Card id='cc-public-plant' title={r.data.title}>
          <View className='cc-sub'>{r.data.subtitle}</View>
          <Row label='地址'>{d.address}</Row>
          <Row label='信用分'>{d.credit}</Row>
        </Card>
      ) : null}
    </Page>
  );
}

/**
 * 搅拌站: qualification and credit with its history (the regulator, the plant); for the plant's own staff, its
 * tickets (issue one per truck with its signed QR), its material lots and mixes (read-only here).
 */
function PlantDesk({ id }: { id: string }) {
  const user = useSessionUser();
  const own = !!user?.roles?.some((r) => r.role === 'plant' && r.orgId === id);
  const plant = useLoaded(() => concreteApi.plant(id));
  const tickets = useLoaded(() => concreteApi.tickets({ plantId: id }));
  const lots = useLoaded(() => (own ? concreteApi.plantLots(id) : Promise.resolve([])));
  const mixes = useLoaded(() => (own ? concreteApi.plantMixes(id) : Promise.resolve([])));
  const [tab, setTab] = useState<'tickets' | 'lots' | 'mixes'>('tickets');
  const p = plant.data;
  if (!p) return <Page><LoadState error={plant.error} loaded={false} /></Page>;
  return (
    <Page>
      <Card title={p.name}>
        <Row label='资质状态'><Text id='cc-plant-status' className={p.status === 'qualified' ? 'cc-good' : 'cc-bad'}>{p.statusLabel}</Text></Row>
        <Row label='信用分'><Text id='cc-plant-credit'>{p.credit}</Text></Row>
        <Row label='地址'>{p.address}</Row>
        {p.conditions.map((c) => <Row key={c.key} label={c.label}><Text className={c.met ? 'cc-good' : 'cc-bad'}>{c.met ? '符合' : '不符合'}</Text></Row>)}
      </Card>
      <Card title='信用记录' id='cc-plant-credit-history'>
        {p.creditHistory.length === 0 ? <Empty text='暂无扣分记录' /> : null}
        {p.creditHistory.map((h, i) => <Row key={i} label={`${bjTime(h.at)} ${h.label}`}>{`${h.delta > 0 ? '+' : ''}${h.delta} → ${h.score}`}</Row>)}
      </Card>
      {own ? (
        <View className='cc-actions' style={{ padding: '0 24px' }}>
          {(['tickets', 'lots', 'mixes'] as const).map((t) => (
            <Text key={t} id={`cc-plant-tab-${t}`} className={`cc-choice${tab === t ? ' cc-choice--on' : ''}`} onClick={() => setTab(t)}>{{ tickets: '运输单', lots: '原材料', mixes: '配合比' }[t]}</Text>
          ))}
        </View>
      ) : null}
      {own ? <Row id='cc-plant-materials' className='cc-link' label='登记供应商、原材料、配合比与生产设备' onClick={() => navigateTo(CONCRETE_PAGES.materials(id))}>›</Row> : null}
      {own && tab === 'tickets' ? <IssueTicket plantId={id} onIssued={(t) => { void tickets.reload(); navigateTo(CONCRETE_PAGES.ticket(t.id)); }} /> : null}
      {tab === 'tickets' ? (
        <Card title='电子运输单'>
          <ListState of={tickets} empty='暂无运输单' />
          {tickets.data?.map((t) => (
            <Row key={t.id} className='cc-link cc-ticket-row' label={`${bjTime(t.departAt)} ${t.member} ${t.grade} ${t.volumeM3} m³`} onClick={() => navigateTo(CONCRETE_PAGES.ticket(t.id))}>
              {`${t.stateLabel}${t.certificateBlocked ? ' · 合格证冻结' : ''}`}
            </Row>
          ))}
        </Card>
      ) : null}
      {own && tab === 'lots' ? (
        <Card title='原材料台账（只读）' id='cc-plant-lots'>
          {lots.data?.map((l) => <Row key={l.id} label={`${l.materialLabel} ${l.lotNo} · ${l.supplier}`}><Text className={l.test === 'fail' ? 'cc-bad' : l.test === 'pass' ? 'cc-good' : ''}>{{ pass: '合格', fail: '不合格', pending: '待检' }[l.test]}</Text></Row>)}
          {lots.data?.length === 0 ? <Empty text='暂无原材料批次' /> : null}
        </Card>
      ) : null}
      {own && tab === 'mixes' ? (
        <Card title='配合比（只读）' id='cc-plant-mixes'>
          {mixes.data?.map((m) => <Row key={m.id} label={`${m.code} ${m.grade}`}>{m.opened ? '已开盘鉴定' : '未开盘鉴定'}</Row>)}
          {mixes.data?.length === 0 ? <Empty text='暂无配合比' /> : null}
        </Card>
      ) : null}
    </Page>
  );
}

export default function ConcretePlantPage() {
  const params = useRouter().params;
  const code = pageParam(params.code);
  if (code) return <PublicPlant code={code} />;
  return <PlantDesk id={pageParam(params.id)} />;
}
