import { Map, Text, View } from '@tarojs/components';
import { fitPoints, STATUS_COLORS, STATUS_LABELS, type LngLat } from './project';
import './index.scss';

export type GridMapPoint = { id: string; name: string; location: LngLat; tone: keyof typeof STATUS_COLORS; picked?: boolean };
type Props = { id?: string; polygon: LngLat[]; points: GridMapPoint[]; onPick?: (id: string) => void; height?: number };

const W = 340;

/**
 * One grid drawn from our own data, offline: its polygon and coloured markers. On weapp the WeChat `<map>`
 * (markers + polygons); on H5 an SVG drawing (no tile server, so tests and the PC console need no network).
 */
export function GridMap({ id, polygon, points, onPick, height = 300 }: Props) {
  const legend = (
    <View className='grid-map-legend'>
      {(['done', 'due', 'missed', 'complaint', 'case'] as const).map((t) => (
        <Text key={t} className='grid-map-legend-item'>
          <Text className='grid-map-dot' style={{ background: STATUS_COLORS[t] }} />
          {STATUS_LABELS[t]}
        </Text>
      ))}
    </View>
  );
  if (process.env.TARO_ENV === 'weapp') {
    const all = [...polygon, ...points.map((p) => p.location)];
    const center = all.length ? { lng: all.reduce((s, p) => s + p.lng, 0) / all.length, lat: all.reduce((s, p) => s + p.lat, 0) / all.length } : { lng: 113.75, lat: 23.02 };
    const markers = points.map((p, i) => ({ id: i, latitude: p.location.lat, longitude: p.location.lng, title: p.name, width: 22, height: 22, iconPath: '', callout: { content: p.name, color: '#222', fontSize: 12, borderRadius: 4, padding: 4, display: 'BYCLICK', bgColor: '#fff' }, label: { content: p.picked ? '✓' : '●', color: STATUS_COLORS[p.tone], fontSize: 18, anchorX: -6, anchorY: -12 } }));
    const polygons = polygon.length ? [{ points: polygon.map((p) => ({ latitude: p.lat, longitude: p.lng })), strokeWidth: 2, strokeColor: '#1f6feb', fillColor: '#1f6feb22' }] : [];
    return (
      <View id={id} className='grid-map' data-points={points.length}>
        <Map
          className='grid-map-canvas'
          style={{ height: `${height}px` }}
          latitude={center.lat}
          longitude={center.lng}
          scale={16}
          markers={markers as never}
          polygons={polygons as never}
          includePoints={all.map((p) => ({ latitude: p.lat, longitude: p.lng }))}
          onError={() => undefined}
          onMarkerTap={(e) => onPick?.(points[Number((e.detail as { markerId: number }).markerId)]?.id)}
        />
        {legend}
      </View>
    );
  }
  const { project } = fitPoints([...polygon, ...points.map((p) => p.location)], W, height);
  const ring = polygon.map((p) => project(p)).map((q) => `${q.x.toFixed(1)},${q.y.toFixed(1)}`).join(' ');
  return (
    <View id={id} className='grid-map' data-points={points.length}>
      <svg className='grid-map-canvas' viewBox={`0 0 ${W} ${height}`} width='100%' height={height} role='img' aria-label='网格地图'>
        {ring ? <polygon points={ring} fill='#1f6feb18' stroke='#1f6feb' strokeWidth={2} /> : null}
        {points.map((p) => {
          const q = project(p.location);
          return (
            <g key={p.id} className={`grid-map-marker grid-map-marker--${p.tone}`} data-id={p.id} data-tone={p.tone} onClick={() => onPick?.(p.id)} style={{ cursor: onPick ? 'pointer' : 'default' }}>
              <circle cx={q.x} cy={q.y} r={p.picked ? 11 : 8} fill={STATUS_COLORS[p.tone]} stroke={p.picked ? '#111' : '#fff'} strokeWidth={p.picked ? 3 : 2} />
              <title>{p.name}</title>
            </g>
          );
        })}
      </svg>
      {legend}
    </View>
  );
}
