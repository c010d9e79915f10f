package io.dianxiaoer.sim.camera;

import io.dianxiaoer.device.vision.Mats;
import io.dianxiaoer.device.vision.NativeVision;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * What the simulated cameras can show, by name, as ready-to-stream JPEG pictures:
 *
 * <ul>
 *   <li>{@code desk} — the document camera's empty base;</li>
 *   <li>any name of {@link SyntheticScenes#all()} — a synthetic document (e.g. {@code form-m20-gradient},
 *       {@code licence-card-p6-even}, {@code form-blurred});</li>
 *   <li>{@code qr} — the QR slip, or {@code qr:TEXT} — a slip carrying TEXT;</li>
 *   <li>{@code face} — the public-domain astronaut photograph, for the face camera (found on the
 *       classpath under {@code testdata/faces/}, or in a {@code shared/testdata/faces/} folder of the
 *       working directory or one of its parents);</li>
 *   <li>{@code nobody} — the face camera's empty grey room;</li>
 *   <li>{@code face-portrait}, {@code blink}, {@code photo-moved}, {@code face-dark} — the face
 *       camera's liveness scenes of {@link FaceSequences} ({@code blink} and {@code photo-moved} are
 *       looping sequences of frames, see {@link #sequence}).</li>
 * </ul>
 *
 * Pictures are rendered at the camera's size on first use and cached (a few, LRU). Thread-safe.
 */
public final class CameraScenes {

    public static final String FACE_FILE = "astronaut.png";
    private static final int CACHE = 12;

    private final int width;
    private final int height;
    private final Map<String, CameraPicture> cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CameraPicture> e) {
            return size() > CACHE;
        }
    });

    private final Map<String, List<CameraPicture>> sequences = new java.util.concurrent.ConcurrentHashMap<>();

    public CameraScenes(int width, int height) {
        NativeVision.ensureLoaded();
        this.width = width;
        this.height = height;
    }

    /** Every name {@link #picture} accepts (besides {@code qr:TEXT}). */
    public static List<String> names() {
        List<String> n = new ArrayList<>(List.of("desk", "face", "nobody", "qr"));
        n.addAll(FaceSequences.names());
        SyntheticScenes.all().keySet().stream().filter(k -> !n.contains(k)).forEach(n::add);
        return List.copyOf(n);
    }

    /** The picture called {@code name}, or empty when there is no such scene (or no face photo). */
    public Optional<CameraPicture> picture(String name) {
        CameraPicture hit = cache.get(name);
        if (hit != null) {
            return Optional.of(hit);
        }
        Optional<CameraPicture> made = render(name);
        made.ifPresent(p -> cache.put(name, p));
        return made;
    }

    /**
     * The frames of {@code name}, looped by the simulator: one frame for a still scene, several for
     * the face sequences; empty when there is no such scene.
     */
    public Optional<List<CameraPicture>> sequence(String name) {
        if (FaceSequences.names().contains(name)) {
            List<CameraPicture> hit = sequences.get(name);
            if (hit != null) {
                return Optional.of(hit);
            }
            Optional<List<CameraPicture>> made = facePhoto().map(photo -> {
                List<CameraPicture> frames = new ArrayList<>();
                BufferedImage last = null;
                CameraPicture lastPicture = null;
                for (BufferedImage img : FaceSequences.render(name, photo, width, height)) {
                    // repeated frames are the same image: encode each distinct one once
                    if (img != last) {
                        lastPicture = fromImage(name, img);
                        last = img;
                    }
                    frames.add(lastPicture);
                }
                return List.copyOf(frames);
            });
            made.ifPresent(f -> sequences.put(name, f));
            return made;
        }
        return picture(name).map(List::of);
    }

    private Optional<CameraPicture> render(String name) {
        if (FaceSequences.names().contains(name)) {
            return sequence(name).map(f -> f.get(0));
        }
        if (name.equals("desk")) {
            return Optional.of(encode(name, SceneGenerator.emptyBase(width, height, 11)));
        }
        if (name.equals("nobody")) {
            return Optional.of(fromImage(name, room(null)));
        }
        if (name.equals("face")) {
            return facePhoto().map(photo -> fromImage(name, room(photo)));
        }
        if (name.startsWith("qr:")) {
            String text = name.substring(3);
            if (text.isEmpty() || text.length() > 1000) {
                return Optional.empty();
            }
            return Optional.of(scene(name, SyntheticScenes.qrSlip(text, width, height)));
        }
        if (name.equals("qr")) {
            return Optional.of(scene(name, SyntheticScenes.qrSlip(SyntheticScenes.QR_TEXT, width, height)));
        }
        return SyntheticScenes.byName(name).map(spec -> scene(name, spec.withSize(width, height)));
    }

    private CameraPicture scene(String name, SceneSpec spec) {
        return encode(name, SceneGenerator.generate(spec).bgr());
    }

    private CameraPicture encode(String name, byte[] bgr) {
        try (Mat m = Mats.fromBgr(bgr, width, height)) {
            return new CameraPicture(name, Mats.encodeJpeg(m, 88), width, height);
        }
    }

    private CameraPicture fromImage(String name, BufferedImage img) {
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        return encode(name, bgr);
    }

    /** A plain grey-blue room, with the photo (if any) centred at the camera's height. */
    private BufferedImage room(BufferedImage photo) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(118, 124, 132));
        g.fillRect(0, 0, width, height);
        if (photo != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            int h = height;
            int w = (int) Math.round((double) photo.getWidth() * h / photo.getHeight());
            g.drawImage(photo, (width - w) / 2, 0, w, h, null);
        }
        g.dispose();
        return img;
    }

    /** The astronaut photograph, from the classpath or a shared/testdata folder up the directory tree. */
    public static Optional<BufferedImage> facePhoto() {
        try (InputStream in = CameraScenes.class.getResourceAsStream("/testdata/faces/" + FACE_FILE)) {
            if (in != null) {
                return Optional.ofNullable(ImageIO.read(in));
            }
        } catch (IOException e) {
            // fall through to the file system
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 5 && dir != null; up++, dir = dir.getParent()) {
            Path p = dir.resolve("shared/testdata/faces").resolve(FACE_FILE);
            if (Files.isRegularFile(p)) {
                try {
                    return Optional.ofNullable(ImageIO.read(p.toFile()));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
