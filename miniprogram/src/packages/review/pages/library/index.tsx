import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { useSessionUser } from '../../../../components/hooks';
import { errorMessage } from '../../../../services/api';
import { navigateTo, stopPullDownRefresh } from '../../../../services/adapters/taro';
import { LIBRARY_IMPORT_PAGE, type ExpertFull } from '../../../../services/review/api';
import { EXPERT_STATE_LABELS, EXPERT_STATES } from '@cityloop/shared/dangerous-works/review.limits';
import { LibraryCard, type LibraryAct } from '../../components/LibraryCard';
import { reviewApi } from '../../reviewApi';
import '../../review.scss';

type Tab = (typeof EXPERT_STATES)[number];

/**
 * 专家库管理 for the city regulator who keeps the library: applications to admit or refuse (with what
 * `expertAdmission` says), the active, suspended and removed experts with their integrity records, yearly review
 * and history; suspend, reinstate, remove with a reason; change an employer; the staged sheet import.
 */
export default function LibraryPage() {
  const user = useSessionUser();
  const cityId = user?.roles?.find((r) => r.role === 'regulator' && r.level === 'city')?.cityId ?? '';
  const [rows, setRows] = useState<ExpertFull[] | null>(null);
  const [tab, setTab] = useState<Tab>('pending');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    if (!cityId) return setError('只有市级监管部门可以管理专家库');
    setError(null);
    try {
      const list = await reviewApi.library(cityId);
      setRows(list);
      if (!rows && !list.some((e) => e.state === 'pending')) setTab('active');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));
  const act: LibraryAct = async (f) => {
    setBusy(true);
    setError(null);
    try {
      const e = await f();
      setRows((rs) => (rs ?? []).map((x) => (x.id === e.id ? e : x)));
    } catch (x) {
      setError(errorMessage(x));
    } finally {
      setBusy(false);
    }
  };
  const count = (s: Tab) => (rows ?? []).filter((e) => e.state === s).length;
  const shown = (rows ?? []).filter((e) => e.state === tab);
  return (
    <Page className='library-page'>
      <View className='review-chips lib-tabs'>
        {EXPERT_STATES.map((s) => (
          <Text key={s} id={`lib-tab-${s}`} className={`review-chip${tab === s ? ' review-chip--on' : ''}`} onClick={() => setTab(s)}>
            {EXPERT_STATE_LABELS[s]} {count(s)}
          </Text>
        ))}
      </View>
      <Button id='lib-import' className='btn-block' fill='outline' onClick={() => void navigateTo(LIBRARY_IMPORT_PAGE)}>
        批量导入专家（XLSX / CSV 表格）
      </Button>
      <ErrorText id='lib-error' message={error} />
      {!rows && !error ? <View className='loading-text'>正在加载…</View> : null}
      {rows && !shown.length ? <View className='muted review-empty'>没有{EXPERT_STATE_LABELS[tab]}的专家</View> : null}
      {shown.map((e) => (
        <LibraryCard
          key={`${e.id}:${e.version}`}
          e={e}
          busy={busy}
          act={act}
          ops={{ action: (b) => reviewApi.expertAction(e.id, { ...b, version: e.version }), employer: (emp) => reviewApi.setEmployer(e.id, emp, e.version) }}
        />
      ))}
    </Page>
  );
}
