export default definePageConfig({ navigationBarTitleText: '质量追溯' });
