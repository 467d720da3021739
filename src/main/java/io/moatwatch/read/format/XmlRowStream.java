package io.moatwatch.read.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Stack Exchange data dump files ({@code Posts.xml}: {@code <posts><row Id="1" .../>...</posts>}), streamed
 * with StAX: each {@code <row>} becomes a JSON object of its attributes, one at a time, so a dump of many GB
 * reads in constant memory. The dump's site is taken from the folder the file is in
 * ({@code coffee.stackexchange.com/Posts.xml}) and attached as {@code @site}. DTDs and external entities are
 * refused. Malformed XML ends the file with one error item saying where.
 */
public final class XmlRowStream extends LookaheadRecordStream {
  private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

  static {
    FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
  }

  private final XMLStreamReader xml;
  private final Reader reader;
  private final String site;
  private boolean done;

  public XmlRowStream(Reader reader, String site) throws IOException {
    this.reader = reader;
    this.site = site;
    try {
      this.xml = FACTORY.createXMLStreamReader(reader);
    } catch (XMLStreamException e) {
      throw new IOException("cannot read XML: " + e.getMessage(), e);
    }
  }

  @Override
  protected Item advance() {
    if (done) {
      return null;
    }
    try {
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
          ObjectNode row = Json.MAPPER.createObjectNode();
          for (int i = 0; i < xml.getAttributeCount(); i++) {
            row.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
          }
          if (site != null) {
            row.put("@site", site);
          }
          return new Item(row, "line " + xml.getLocation().getLineNumber(), null, null);
        }
      }
      done = true;
      return null;
    } catch (XMLStreamException e) {
      done = true;
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
      return new Item(null, line < 0 ? "end of readable data" : "line " + line,
          "malformed XML: " + e.getMessage().replaceAll("\\s+", " ") + " (the rest of the file could not be read)",
          null);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    } finally {
      reader.close();
    }
  }
}
