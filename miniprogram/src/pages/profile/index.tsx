import { useEffect, useState } from 'react';
import { Button as TaroButton, Input, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../components/Page';
import { LoadState } from '../../components/LoadState';
import { runWrite } from '../../components/useFormSubmit';
import { api, logout, replaceSession, session, updateUser } from '../../services/client';
import { errorMessage } from '../../services/api';
import { isWeapp, reLaunch, toast } from '../../services/adapters/taro';
import { devPhoneCode, phoneCodeOf } from '../../services/adapters/phone-code';
import { checkDevPhone, checkName, phoneText } from '../../services/profile/form-rules';
import { HOME_PAGE, LOGIN_PAGE } from '../../services/links';
import type { Profile } from '../../services/types';
import './index.scss';

type Busy = 'name' | 'phone' | null;

/** 我的: name (editable), phone (masked; 绑定手机号), organisations, roles with where they apply, 退出登录. */
export default function ProfilePage() {
  const weapp = isWeapp();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [devLogin, setDevLogin] = useState(false);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  const [devPhone, setDevPhone] = useState('');
  const [busy, setBusy] = useState<Busy>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [phoneError, setPhoneError] = useState<string | null>(null);

  const load = async () => {
    setLoadError(null);
    if (!session.isLoggedIn()) {
      void reLaunch(LOGIN_PAGE);
      return;
    }
    try {
      setProfile(await api.profile());
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  };

  useEffect(() => {
    void load();
    if (!weapp) void api.config().then((c) => setDevLogin(c.devLogin)).catch(() => undefined);
  }, []);

  const saveName = async () => {
    const problem = checkName(name);
    if (problem) return setNameError(problem);
    await runWrite<Busy>('name', { setBusy, setError: setNameError }, async () => {
      const p = await api.updateName(name.trim());
      setProfile(p);
      setEditing(false);
      const user = session.getUser();
      if (user) updateUser({ ...user, name: p.name });
      toast('已保存', 'success');
    });
  };

  const bindWith = (code: string) =>
    runWrite<Busy>('phone', { setBusy, setError: setPhoneError }, async () => {
      replaceSession(await api.bindWechatPhone(code)); // the session may continue as the account holding this phone
      setProfile(await api.profile());
      setDevPhone('');
      toast('手机号已绑定', 'success');
    });

  const onWeappPhone = (e: { detail?: { code?: string; errMsg?: string } }) => {
    const code = phoneCodeOf(e);
    if (!code) return setPhoneError('未获得手机号授权，如需绑定请再次点击并允许');
    void bindWith(code);
  };

  const onDevPhone = () => {
    const problem = checkDevPhone(devPhone);
    if (problem) return setPhoneError(problem);
    void bindWith(devPhoneCode(devPhone.replace(/[\s-]/g, '')));
  };

  const onLogout = () => {
    logout();
    void reLaunch(HOME_PAGE);
  };

  return (
    <Page className='profile'>
      <LoadState error={loadError} loaded={!!profile} onRetry={() => void load()} />
      {profile ? (
        <View>
          <View className='card'>
            <View className='profile-row'>
              <View className='muted'>姓名</View>
              {editing ? (
                <View>
                  <Input id='profile-name-input' className='text-input' value={name} maxlength={20} onInput={(e) => setName(e.detail.value)} onConfirm={() => void saveName()} />
                  <ErrorText message={nameError} />
                  <View className='row profile-name-actions'>
                    <Button id='profile-name-save' type='primary' size='small' loading={busy === 'name'} onClick={() => void saveName()}>
                      保存
                    </Button>
                    <Button size='small' fill='outline' onClick={() => setEditing(false)}>
                      取消
                    </Button>
                  </View>
                </View>
              ) : (
                <View className='row'>
                  <View id='profile-name' className='profile-name'>
                    {profile.name}
                  </View>
                  <View className='spacer' />
                  <Button id='profile-name-edit' size='small' fill='outline' onClick={() => (setName(profile.name), setNameError(null), setEditing(true))}>
                    修改
                  </Button>
                </View>
              )}
            </View>

            <View className='profile-row'>
              <View className='muted'>手机号</View>
              <View id='profile-phone' className='profile-name'>
                {phoneText(profile.phone)}
              </View>
              {weapp ? (
                <TaroButton id='profile-phone-bind' className='profile-phone-button' openType='getPhoneNumber' onGetPhoneNumber={onWeappPhone} disabled={busy === 'phone'}>
                  {profile.phone ? '更换手机号' : '绑定手机号'}
                </TaroButton>
              ) : devLogin ? (
                <View className='profile-phone-button'>
                  <View className='muted'>网页版无法获取微信手机号；开发环境可用测试号码模拟</View>
                  <Input id='profile-dev-phone' className='text-input' type='number' placeholder='测试手机号' value={devPhone} maxlength={13} onInput={(e) => setDevPhone(e.detail.value)} />
                  <Button id='profile-phone-bind' type='primary' block loading={busy === 'phone'} onClick={onDevPhone}>
                    {profile.phone ? '更换手机号' : '绑定手机号'}
                  </Button>
                </View>
              ) : (
                <View className='muted'>请在微信小程序中绑定手机号</View>
              )}
              <ErrorText message={phoneError} />
            </View>
          </View>

          <View className='section-title'>单位</View>
          <View id='profile-orgs' className='card'>
            {profile.organisations.length ? profile.organisations.map((o) => <View key={o.id} className='profile-row'>{o.name}</View>) : <View className='muted'>无</View>}
          </View>

          <View className='section-title'>岗位</View>
          <View id='profile-roles' className='card'>
            {profile.roles.length ? (
              profile.roles.map((r, i) => (
                <View key={`${r.role}-${i}`} className='profile-row profile-role'>
                  <View>{r.label}</View>
                  <View className='muted profile-role-scope'>{r.scopeLabel}</View>
                </View>
              ))
            ) : (
              <View className='muted'>市民（未绑定岗位）</View>
            )}
          </View>

          <Button id='profile-logout' className='btn-block' fill='outline' block onClick={onLogout}>
            退出登录
          </Button>
        </View>
      ) : null}
    </Page>
  );
}
