package io.mproc.jobs;

import io.mproc.IntArray;
import io.mproc.Job;
import io.mproc.JobContext;
import io.mproc.JobParameter;
import io.mproc.TaskContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Renders the Mandelbrot set: each task computes a band of rows straight into a shared image of iteration counts,
 * which the coordinator writes as a PNG.
 */
public final class MandelbrotJob implements Job<Rows, Long> {

    /** The image's checksum (the sum of all iteration counts) and where it was written. */
    public record Picture(long checksum, int width, int height, String file) {
    }

    @Override
    public String name() {
        return "mandelbrot";
    }

    @Override
    public String description() {
        return "render the Mandelbrot set into a shared image and write it as a PNG";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.ofInt("width", 1200, "image width in pixels"),
                JobParameter.ofInt("height", 800, "image height in pixels"),
                JobParameter.ofInt("iterations", 500, "iterations before a point counts as inside"),
                JobParameter.ofString("output", "mandelbrot.png", "PNG file, relative to the report directory"));
    }

    @Override
    public void prepare(JobContext context) {
        int width = context.parameters().getInt("width");
        int height = context.parameters().getInt("height");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("width and height must be at least 1, not " + width + "x" + height);
        }
        context.newIntArray("pixels", Math.multiplyExact(width, height));
    }

    @Override
    public List<Rows> split(JobContext context) {
        return Rows.bands(context.parameters().getInt("height"), context.taskCount());
    }

    @Override
    public Long execute(Rows rows, TaskContext context) {
        int width = context.parameters().getInt("width");
        int height = context.parameters().getInt("height");
        int iterations = context.parameters().getInt("iterations");
        IntArray pixels = context.intArray("pixels");
        int[] line = new int[width];
        long sum = 0;
        for (int y = rows.from(); y < rows.to(); y++) {
            double ci = -1.2 + 2.4 * y / height;
            for (int x = 0; x < width; x++) {
                line[x] = escape(-2.2 + 3.2 * x / width, ci, iterations);
                sum += line[x];
            }
            pixels.copyFrom(line, y * width);
            context.progress((double) (y + 1 - rows.from()) / (rows.to() - rows.from()));
        }
        return sum;
    }

    @Override
    public Object aggregate(List<Long> results, JobContext context) {
        int width = context.parameters().getInt("width");
        int height = context.parameters().getInt("height");
        int iterations = context.parameters().getInt("iterations");
        int[] pixels = context.intArray("pixels").toArray();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        long checksum = 0;
        for (int i = 0; i < pixels.length; i++) {
            checksum += pixels[i];
            image.setRGB(i % width, i / width, color(pixels[i], iterations));
        }
        Path file = context.outputDirectory().resolve(context.parameters().get("output"));
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new Picture(checksum, width, height, file.toString());
    }

    static int escape(double cr, double ci, int iterations) {
        double zr = 0;
        double zi = 0;
        int n = 0;
        while (n < iterations && zr * zr + zi * zi <= 4) {
            double next = zr * zr - zi * zi + cr;
            zi = 2 * zr * zi + ci;
            zr = next;
            n++;
        }
        return n;
    }

    private static int color(int n, int iterations) {
        if (n >= iterations) {
            return 0;
        }
        int shade = (int) (255 * Math.sqrt((double) n / iterations));
        return (shade / 4) << 16 | (shade / 2) << 8 | shade;
    }
}
