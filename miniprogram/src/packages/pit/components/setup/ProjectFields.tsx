import { Input, View } from '@tarojs/components';
import { SUPPORT_TYPES } from '@cityloop/shared/pit/domain/items';
import type { ProjectForm } from '../../../../services/pit/onboard-form';
import { Options } from './Options';

const SUPPORTS = Object.entries(SUPPORT_TYPES).map(([value, label]) => ({ value, label }));
const LEVELS = [1, 2, 3].map((v) => ({ value: v as 1 | 2 | 3, label: `${['一', '二', '三'][v - 1]}级` }));

/** 基本信息: name, address, GCJ-02 location, safety level, depth, support type. */
export function ProjectFields(props: { form: ProjectForm; onChange: (f: ProjectForm) => void }) {
  const f = props.form;
  const set = (patch: Partial<ProjectForm>) => props.onChange({ ...f, ...patch });
  return (
    <View>
      <View className='pit-form-label'>项目名称</View>
      <Input id='onboard-name' className='text-input' value={f.name} onInput={(e) => set({ name: e.detail.value })} />
      <View className='pit-form-label'>项目地址</View>
      <Input id='onboard-address' className='text-input' value={f.address} onInput={(e) => set({ address: e.detail.value })} />
      <View className='pit-form-label'>位置（GCJ-02 经度、纬度）</View>
      <View className='row'>
        <Input id='onboard-lng' className='text-input' type='digit' placeholder='经度，如 113.75' value={f.lng} onInput={(e) => set({ lng: e.detail.value })} />
        <Input id='onboard-lat' className='text-input' type='digit' placeholder='纬度，如 23.01' value={f.lat} onInput={(e) => set({ lat: e.detail.value })} />
      </View>
      <View className='pit-form-label'>基坑安全等级</View>
      <Options id='onboard-level' value={f.safetyLevel} options={LEVELS} onChange={(v) => set({ safetyLevel: v })} />
      <View className='pit-form-label'>开挖深度（米）</View>
      <Input id='onboard-depth' className='text-input' type='digit' value={f.depthM} onInput={(e) => set({ depthM: e.detail.value })} />
      <View className='pit-form-label'>支护形式</View>
      <Options id='onboard-support' value={f.supportType} options={SUPPORTS} onChange={(v) => set({ supportType: v })} />
    </View>
  );
}
