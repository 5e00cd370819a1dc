export default definePageConfig({ navigationBarTitleText: '原材料与配合比' });
