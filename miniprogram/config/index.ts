import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/** The shared workspace package (TypeScript source, no build step): Taro must compile it itself. */
const sharedSrc = path.resolve(__dirname, '../../shared/src');

/** Where the weapp build sends API calls (H5 always uses its own origin). */
const apiBase = process.env.TARO_APP_API_BASE || 'http://127.0.0.1:8080';

/** NutUI is designed at 375 px, our own styles at 750 px. */
const designWidth = (input?: unknown): number => {
  const file = (input as { file?: string } | undefined)?.file;
  return typeof file === 'string' && file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
};

/** Lets shared/ use ESM-style `./x.js` specifiers for its .ts files (webpack-chain has no helper). */
const webpackChain = (chain: { resolve: { set(key: string, value: unknown): unknown } }) => {
  chain.resolve.set('extensionAlias', { '.js': ['.ts', '.js'] });
};

/**
 * H5: pages are async chunks, and Taro splits only initial chunks, so NutUI and the Taro
 * components were copied into every page chunk. Split async chunks too.
 */
const h5WebpackChain = (chain: Parameters<typeof webpackChain>[0] & { optimization: any; performance: any }) => {
  webpackChain(chain);
  const split = chain.optimization.get('splitChunks');
  if (split) chain.optimization.splitChunks({ ...split, chunks: 'all' });
  chain.performance.hints(false);
};

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'cityloop',
    date: '2026-11-01',
    designWidth,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    framework: 'react',
    compiler: 'webpack5',
    plugins: [],
    alias: {
      '@cityloop/shared': sharedSrc,
    },
    defineConstants: {
      'process.env.TARO_APP_API_BASE': JSON.stringify(apiBase),
    },
    copy: { patterns: [], options: {} },
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSrc] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      optimizeMainPackage: { enable: true },
      webpackChain,
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSrc] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain: h5WebpackChain,
    },
  };
  return config;
});
