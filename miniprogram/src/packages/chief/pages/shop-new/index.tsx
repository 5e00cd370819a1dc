import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { useSessionUser } from '../../../../components/hooks';
import { runWrite } from '../../../../components/useFormSubmit';
import { api } from '../../../../services/client';
import { isApiError } from '../../../../services/api';
import { createPlaqueApi } from '../../../../services/plaque/api';
import { EMPTY_SHOP_FORM, shopFormBody, type ShopFormFields } from '../../../../services/plaque/shop-form';
import { toast } from '../../../../services/adapters/taro';

const plaques = createPlaqueApi(api);

const FIELDS: { key: keyof ShopFormFields; label: string; placeholder: string; type?: 'digit' | 'number' }[] = [
  { key: 'licenceNo', label: '营业执照号', placeholder: '统一社会信用代码' },
  { key: 'name', label: '店名', placeholder: '例如 老王烧腊店' },
  { key: 'address', label: '地址', placeholder: '街道门牌' },
  { key: 'lng', label: '经度', placeholder: 'GCJ-02，例如 113.7452', type: 'digit' },
  { key: 'lat', label: '纬度', placeholder: 'GCJ-02，例如 23.0041', type: 'digit' },
  { key: 'ownerName', label: '负责人', placeholder: '姓名' },
  { key: 'ownerPhone', label: '负责人手机', placeholder: '11 位手机号（接收投诉和绑定验证码）', type: 'number' },
  { key: 'gridId', label: '网格（可选）', placeholder: '不填则按位置确定' },
  { key: 'frontageM', label: '门前长度（米）', placeholder: '例如 8', type: 'digit' },
  { key: 'depthM', label: '进深（米）', placeholder: '例如 4', type: 'digit' },
  { key: 'duties', label: '责任（可选）', placeholder: '例如 包卫生、包秩序；不填为本镇街默认' },
];

/**
 * 单个商户登记 for the area chief and the town regulator: checked on the server exactly like an import row; the
 * new shop gets its plaque and a 绑定码 (printed in the plaque kit for the owner).
 */
export default function ShopNew() {
  const user = useSessionUser();
  const [form, setForm] = useState<ShopFormFields>(EMPTY_SHOP_FORM);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ field: string; message: string }[]>([]);
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const cityId = user?.roles?.find((r) => r.role === 'areaChief' || r.role === 'regulator' || r.role === 'admin')?.cityId ?? '';

  const onSubmit = () => {
    setFieldErrors([]);
    const r = shopFormBody(form, cityId);
    if ('error' in r) return setError(r.error);
    return runWrite('save', { setBusy, setError }, async () => {
      try {
        const shop = await plaques.registerShop(r.body);
        setCreated({ id: shop.id, name: shop.name });
        setForm(EMPTY_SHOP_FORM);
        toast('已登记', 'success');
      } catch (e) {
        if (isApiError(e) && e.code === 'shop_rejected') setFieldErrors((e.data as { errors?: { field: string; message: string }[] })?.errors ?? []);
        throw e;
      }
    });
  };

  return (
    <Page className='shop-new'>
      {created ? (
        <View id='shop-new-created' className='card' data-id={created.id}>
          {created.name} 已登记，责任牌编号 {created.id}。请打印责任牌资料（含商户绑定码）交给商户。
        </View>
      ) : null}
      <View className='card'>
        {FIELDS.map((f) => (
          <View key={f.key} className='shop-new-field'>
            <View className='muted'>{f.label}</View>
            <Input
              id={`shop-new-${f.key}`}
              className='text-input'
              type={f.type ?? 'text'}
              placeholder={f.placeholder}
              value={form[f.key]}
              onInput={(e) => setForm({ ...form, [f.key]: e.detail.value })}
            />
            {fieldErrors.filter((x) => x.field === f.key).map((x) => (
              <ErrorText key={x.message} message={x.message} />
            ))}
          </View>
        ))}
        <ErrorText id='shop-new-error' message={error} />
        <Button id='shop-new-submit' className='btn-block' type='primary' block loading={busy === 'save'} onClick={() => void onSubmit()}>
          登记
        </Button>
      </View>
    </Page>
  );
}
