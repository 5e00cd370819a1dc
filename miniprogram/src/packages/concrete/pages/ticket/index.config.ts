export default definePageConfig({ navigationBarTitleText: '电子运输单' });
