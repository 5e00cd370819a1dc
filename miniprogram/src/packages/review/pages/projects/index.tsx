import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { ErrorText, Page } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import { session } from '../../../../services/client';
import { navigateTo } from '../../../../services/adapters/taro';
import { projectPage, registerPage, type DwProjectView } from '../../../../services/review/api';
import { reviewApi } from '../../reviewApi';
import '../../review.scss';

/**
 * 危大工程登记: the projects the person may read with their level; for a contractor, the projects of their binding
 * not yet registered, each with 登记 (the server decides who may register).
 */
export default function DwProjectsPage() {
  const [rows, setRows] = useState<DwProjectView[] | null>(null);
  const [pending, setPending] = useState<{ id: string; name: string | null }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const contractor = (session.getUser()?.roles ?? []).some((b) => b.role === 'contractor' && b.projectIds?.length);
  useDidShow(() => {
    setError(null);
    reviewApi.projects().then(setRows, (e) => setError(errorMessage(e)));
    if (contractor) reviewApi.unregistered().then(setPending, (e) => setError(errorMessage(e)));
  });
  return (
    <Page className='dw-projects-page'>
      <ErrorText id='dw-projects-error' message={error} />
      {!rows && !error ? <View className='loading-text'>正在加载…</View> : null}
      {pending.map(({ id, name }) => (
        <View key={id} id={`dw-register-${id}`} className='card review-row' onClick={() => void navigateTo(registerPage(id))}>
          <View className='review-title'>{name ?? '待登记的项目'}</View>
          {name ? <View className='muted'>待登记</View> : null}
          <View className='review-link'>登记参建单位和危大分项 ›</View>
        </View>
      ))}
      {rows && rows.length === 0 && pending.length === 0 ? <View className='muted review-empty'>暂无危大工程项目</View> : null}
      {(rows ?? []).map((p) => (
        <View key={p.id} id={`dw-project-${p.id}`} className='card review-row dw-project-row' onClick={() => void navigateTo(projectPage(p.id))}>
          <View className='review-title'>{p.name}</View>
          <View className='review-sub'>{p.address}</View>
          <View className='row'>
            <Text className='review-state'>{p.projectLevel}</Text>
            <Text className='muted'>{p.items.length} 个分项</Text>
          </View>
        </View>
      ))}
    </Page>
  );
}
