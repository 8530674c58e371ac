// The 3D acrylic preview (react-three-fiber + drei): parts extruded to the sheet thickness with a physically
// based acrylic material (colour, transparency, polished or frosted), engraving drawn on the top face, or a
// SketchUp import's panels assembled in place; orbit controls and fit-to-view.
import { Canvas } from '@react-three/fiber';
import { Bounds, Edges, OrbitControls } from '@react-three/drei';
import { useMemo } from 'react';
import * as THREE from 'three';
import type { LayerInfo, Path } from '../../../../src-shared/geometry/types';
import type { PanelView } from '../../../../src-shared/contract/channels/files';
import { designMeshes } from './part-meshes';
import { assemblePanels } from './panel-meshes';

export interface AcrylicLook {
  color: string;
  finish: 'polished' | 'frosted';
  opacity: number;
}

export function Preview3D(props: { paths: readonly Path[]; layers: readonly LayerInfo[]; thicknessMm: number; look: AcrylicLook; panels?: readonly PanelView[] }) {
  const meshes = useMemo(() => designMeshes(props.paths, props.layers, props.thicknessMm), [props.paths, props.layers, props.thicknessMm]);
  const assembly = useMemo(() => (props.panels?.length ? assemblePanels(props.panels, props.thicknessMm) : null), [props.panels, props.thicknessMm]);
  const engraving = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(meshes.engraving, 3));
    return g;
  }, [meshes]);
  const frosted = props.look.finish === 'frosted';
  const size = assembly?.size ?? meshes.size;
  return (
    <div className="preview-3d" data-testid="preview-3d">
      <Canvas camera={{ position: [0, -size * 0.8, size * 0.9], up: [0, 0, 1], near: 0.1, far: size * 20 + 1000 }} gl={{ antialias: true }}>
        <color attach="background" args={['#dfe5ec']} />
        <ambientLight intensity={0.6} />
        <directionalLight position={[size, -size, size * 2]} intensity={1.4} />
        <directionalLight position={[-size, size, size]} intensity={0.5} />
        <hemisphereLight args={["#ffffff", "#3a3f46", 0.5]} />
        <Bounds fit clip observe margin={1.2}>
          {assembly ? (
            <group position={[-assembly.center.x, -assembly.center.y, -assembly.center.z]}>
              {assembly.meshes.map((m, i) => (
                <mesh key={i} geometry={m.geometry} matrix={m.matrix} matrixAutoUpdate={false}>
                  <meshPhysicalMaterial color={props.look.color} transmission={frosted ? 0.3 : 0.55} roughness={frosted ? 0.6 : 0.08}
                    thickness={3} ior={1.49} transparent opacity={props.look.opacity} />
                  <Edges threshold={20} color={frosted ? '#c9d3dc' : '#ffffff'} />
                </mesh>
              ))}
            </group>
          ) : (
          <group position={[-meshes.center.x, -meshes.center.y, 0]}>
            {meshes.parts.map((g, i) => (
              <mesh key={i} geometry={g}>
                <meshPhysicalMaterial
                  color={props.look.color}
                  transmission={frosted ? 0.3 : 0.55}
                  roughness={frosted ? 0.6 : 0.08}
                  clearcoat={frosted ? 0 : 1}
                  thickness={props.thicknessMm}
                  ior={1.49}
                  transparent
                  opacity={props.look.opacity}
                />
                {/* Cut edges of acrylic catch the light: polished edges bright, frosted ones soft. */}
                <Edges threshold={20} color={frosted ? '#c9d3dc' : '#ffffff'} />
              </mesh>
            ))}
            <lineSegments geometry={engraving}>
              <lineBasicMaterial color="#6b7785" />
            </lineSegments>
          </group>
          )}
        </Bounds>
        <OrbitControls makeDefault />
      </Canvas>
    </div>
  );
}
