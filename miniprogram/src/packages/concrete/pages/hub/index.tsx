import { View } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import { useSessionUser } from '../../../../components/hooks';
import { navigateTo } from '../../../../services/adapters/taro';
import { CONCRETE_PAGES } from '../../../../services/concrete/api';
import { Card, Row, useLoaded, ListState } from '../../components/Bits';
import { concreteApi } from '../../concreteApi';
import '../../concrete.scss';

const SITE_ROLES = new Set(['owner', 'contractor', 'supervisor']);

/** 预拌混凝土: each role's way in — the plant's tickets, the site's projects, the lab's receipts, the regulator's desk. */
export default function ConcreteHubPage() {
  const user = useSessionUser();
  const roles = user?.roles ?? [];
  const plants = roles.filter((r) => r.role === 'plant' && r.orgId);
  const lab = roles.some((r) => r.role === 'lab');
  const site = roles.some((r) => SITE_ROLES.has(r.role));
  const regulator = roles.some((r) => r.role === 'regulator' || r.role === 'admin');
  const projects = useLoaded(() => (site ? concreteApi.projects() : Promise.resolve([])));
  return (
    <Page>
      {plants.length ? (
        <Card title='搅拌站'>
          {plants.map((r) => (
            <View key={r.orgId}>
              <Row id={`cc-hub-plant-${r.orgId}`} className='cc-link' label={r.label ?? '本站运输单、原材料、配合比'} onClick={() => navigateTo(CONCRETE_PAGES.plant(r.orgId!))}>›</Row>
              <Row id={`cc-hub-materials-${r.orgId}`} className='cc-link' label='登记供应商、原材料、配合比与生产设备' onClick={() => navigateTo(CONCRETE_PAGES.materials(r.orgId!))}>›</Row>
            </View>
          ))}
        </Card>
      ) : null}
      {site ? (
        <Card title='我的工程项目'>
          <ListState of={projects} empty='暂无工程项目' />
          {projects.data?.map((p) => <Row key={p.id} className='cc-link cc-hub-project' label={p.name} onClick={() => navigateTo(CONCRETE_PAGES.project(p.id))}>{p.lab ? `委托 ${p.lab}` : '未委托检测'}</Row>)}
        </Card>
      ) : null}
      {lab ? (
        <Card title='检测机构'>
          <Row id='cc-hub-lab' className='cc-link' label='收样（读芯片）与试压结果' onClick={() => navigateTo(CONCRETE_PAGES.lab)}>›</Row>
        </Card>
      ) : null}
      {regulator ? (
        <Card title='监管'>
          <Row id='cc-hub-registry' className='cc-link' label='登记管理（搅拌站资质、检测机构、工程项目）' onClick={() => navigateTo(CONCRETE_PAGES.registry)}>›</Row>
          <Row id='cc-hub-regulator' className='cc-link' label='预警、不合格检验批、冻结合格证、实体检测' onClick={() => navigateTo(CONCRETE_PAGES.regulator)}>›</Row>
          <Row id='cc-hub-trace' className='cc-link' label='质量追溯（构件 / 运输单 / 芯片）' onClick={() => navigateTo(CONCRETE_PAGES.trace)}>›</Row>
          <Row id='cc-hub-analysis' className='cc-link' label='质量分析与搅拌站风险排序' onClick={() => navigateTo(CONCRETE_PAGES.analysis)}>›</Row>
        </Card>
      ) : null}
      {!plants.length && !site && !lab && !regulator ? <View className='cc-card cc-sub'>您没有预拌混凝土相关的角色；扫描运输单或搅拌站二维码可查验。</View> : null}
    </Page>
  );
}
