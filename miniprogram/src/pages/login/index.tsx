import { useEffect, useState } from 'react';
import { Input, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../components/Page';
import { useSessionUser } from '../../components/hooks';
import { runWrite } from '../../components/useFormSubmit';
import { api, completeLogin, logout, replaceSession, session } from '../../services/client';
import { errorMessage } from '../../services/api';
import { isWeapp, toast, wxLoginCode } from '../../services/adapters/taro';
import type { PublicConfig } from '../../services/types';
import { newestRoleLabel, userRoleLabel } from '../../services/user';
import { SmsLogin } from './SmsLogin';
import './index.scss';

export default function Login() {
  const user = useSessionUser();
  const weapp = isWeapp();
  const [config, setConfig] = useState<PublicConfig | null>(null);
  const [configError, setConfigError] = useState<string | null>(null);
  const [loginError, setLoginError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [invite, setInvite] = useState('');
  const [inviteError, setInviteError] = useState<string | null>(null);

  const loadConfig = async () => {
    setConfigError(null);
    try {
      setConfig(await api.config());
    } catch (e) {
      setConfigError(errorMessage(e));
    }
  };

  useEffect(() => {
    void loadConfig();
  }, []);

  const run = async (key: string, fn: () => Promise<void>) => {
    if (busy) return;
    await runWrite(key, { setBusy, setError: setLoginError }, fn);
  };

  const onWxLogin = () =>
    run('wx', async () => {
      let code: string;
      try {
        code = await wxLoginCode();
      } catch {
        throw new Error('微信登录失败，请重试');
      }
      await completeLogin(await api.wxLogin(code));
    });

  const onPersona = (key: string) => run(`persona-${key}`, async () => completeLogin(await api.devLogin(key)));

  const onRedeem = async () => {
    setInviteError(null);
    const code = invite.trim();
    if (!code) {
      setInviteError('请输入邀请码');
      return;
    }
    if (!session.isLoggedIn()) {
      setInviteError('请先登录，再绑定邀请码');
      return;
    }
    await runWrite('invite', { setBusy, setError: setInviteError }, async () => {
      const res = await api.redeemInvitation(code);
      replaceSession(res);
      setInvite('');
      const role = newestRoleLabel(res.user);
      toast(role ? `已绑定：${role}` : '绑定成功', 'success');
    });
  };

  const personas = config?.devLogin ? config.personas : [];

  return (
    <Page className='login'>
      {user ? (
        <View className='card row'>
          <View>
            <View className='muted'>当前账号</View>
            <View id='login-current-user' className='login-user-name'>
              {user.name}
            </View>
            <View className='muted'>{userRoleLabel(user)}</View>
          </View>
          <View className='spacer' />
          <Button id='login-logout' size='small' fill='outline' onClick={() => logout()}>
            退出登录
          </Button>
        </View>
      ) : null}

      {weapp ? (
        <View className='card'>
          <View className='login-title'>微信登录</View>
          <View className='muted'>使用微信身份登录，无需注册</View>
          <Button
            id='login-wx'
            className='btn-block'
            type='primary'
            size='large'
            block
            loading={busy === 'wx'}
            onClick={onWxLogin}
          >
            微信一键登录
          </Button>
        </View>
      ) : null}

      <ErrorText message={loginError} />

      {config === null && !configError ? <View className='loading-text'>正在加载…</View> : null}
      {configError ? (
        <View>
          <ErrorText message={configError} />
          <Button className='btn-block' fill='outline' onClick={() => void loadConfig()}>
            重新加载
          </Button>
        </View>
      ) : null}

      {personas.length > 0 ? (
        <View>
          <View className='section-title'>演示账号（仅开发环境）</View>
          <View id='login-personas' className='card login-personas'>
            {personas.map((p) => (
              <View
                key={p.key}
                id={`login-persona-${p.key}`}
                className='login-persona row'
                data-key={p.key}
                hoverClass='login-persona--active'
                onClick={() => void onPersona(p.key)}
              >
                <View className='login-persona-avatar'>{p.name.slice(0, 1)}</View>
                <View>
                  <View className='login-persona-name'>{p.name}</View>
                  <View className='muted'>
                    {p.roleLabel}
                    {p.where ? ` · ${p.where}` : ''}
                  </View>
                </View>
                <View className='spacer' />
                <View className='muted'>{busy === `persona-${p.key}` ? '登录中…' : '登录 ›'}</View>
              </View>
            ))}
          </View>
        </View>
      ) : null}

      {/* the WeChat build keeps WeChat login first; staff on a PC and shop owners sign in with an SMS code */}
      {!user ? <SmsLogin /> : null}

      <View className='section-title'>工作人员邀请码</View>
      <View className='card'>
        <View className='muted'>收到管理员发放的邀请码后，登录并在此绑定岗位</View>
        <Input
          id='login-invite-input'
          className='text-input login-invite-input'
          placeholder='请输入邀请码'
          value={invite}
          maxlength={64}
          onInput={(e) => setInvite(e.detail.value)}
          onConfirm={() => void onRedeem()}
        />
        <ErrorText message={inviteError} />
        <Button
          id='login-invite-submit'
          className='btn-block'
          type='primary'
          block
          loading={busy === 'invite'}
          onClick={() => void onRedeem()}
        >
          绑定
        </Button>
      </View>
    </Page>
  );
}
