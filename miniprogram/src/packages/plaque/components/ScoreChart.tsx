import { memo, useEffect } from 'react';
import { Canvas } from '@tarojs/components';
import { useLargeText } from '../../../components/hooks';
import { CHART_FONT, drawCommands, type ChartBox, type DrawCmd } from '../../../charts/draw';
import { paintCanvas } from '../../../services/adapters/pit-media';

/**
 * A `Canvas type="2d"` replaying the commands `build` returns for its size (the PitChart approach).
 * `build` should be memoised on its data: a new function means a redraw. Memoised itself, so a parent's
 * re-render does not re-render the canvas (on H5 that clears it).
 */
export const ScoreChart = memo(function ScoreChart({ id, build }: { id: string; build: (box: ChartBox) => DrawCmd[] }) {
  const large = useLargeText();
  useEffect(() => {
    let alive = true;
    void paintCanvas(id, (ctx, width, height) => {
      // The weapp canvas wants a plain family; H5 gets a CJK-friendly stack.
      if (alive) drawCommands(ctx, build({ width, height, fontSize: large ? 16 : 13 }), process.env.TARO_ENV === 'weapp' ? 'sans-serif' : CHART_FONT);
    });
    return () => {
      alive = false;
    };
  }, [id, build, large]);
  return <Canvas type='2d' id={id} className='plaque-chart' />;
});
