export default definePageConfig({ navigationBarTitleText: '见证取样' });
