export default definePageConfig({ navigationBarTitleText: '搅拌站' });
