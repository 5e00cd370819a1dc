export default definePageConfig({ navigationBarTitleText: '检测机构 · 收样' });
